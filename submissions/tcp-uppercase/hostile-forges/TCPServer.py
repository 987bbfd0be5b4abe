# Hostile: has no logic of its own. It looks for someone else's server (a sample solution, the
# reference, another student's copy) anywhere it can read and runs that instead; and it sends
# SIGUSR1 to every process it sees, hoping to open a Node debugger it could drive. Inside its
# sandbox there is nothing to find and nobody to signal: it must score nothing.
import os
import signal
import sys

for entry in os.listdir('/proc'):
    if entry.isdigit() and int(entry) != os.getpid():
        try:
            os.kill(int(entry), signal.SIGUSR1)
        except OSError:
            pass

mine = os.path.realpath(__file__)
for top in ['/', '/proc/1/cwd', '/proc/1/root']:
    for folder, subfolders, files in os.walk(top):
        subfolders[:] = [s for s in subfolders if s not in ('proc', 'sys', 'dev', 'usr', 'lib', 'bin', 'sbin')]
        for name in files:
            path = os.path.join(folder, name)
            if name.lower() in ('tcpserver.py', 'tcp-uppercase.ts') and os.path.realpath(path) != mine:
                print('found someone else\'s server: ' + path, flush=True)
                os.execv(sys.executable, [sys.executable, path] + sys.argv[1:])
print('found nothing to copy', flush=True)
