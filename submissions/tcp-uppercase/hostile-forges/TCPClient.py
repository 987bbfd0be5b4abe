# Hostile: never connects. It looks for someone else's client anywhere it can read and runs that
# instead. Inside its sandbox there is nothing to find: it must score nothing.
import os
import sys

mine = os.path.realpath(__file__)
for folder, subfolders, files in os.walk('/'):
    subfolders[:] = [s for s in subfolders if s not in ('proc', 'sys', 'dev', 'usr', 'lib', 'bin', 'sbin')]
    for name in files:
        path = os.path.join(folder, name)
        if name.lower() == 'tcpclient.py' and os.path.realpath(path) != mine:
            print('found someone else\'s client: ' + path, flush=True)
            os.execv(sys.executable, [sys.executable, path] + sys.argv[1:])
print('found nothing to copy', flush=True)
