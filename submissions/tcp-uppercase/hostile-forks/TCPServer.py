# Hostile: spawns 20 sleeping children and one double-forked daemon (all tagged
# hostile-forks-marker in their cmdline), then serves correctly. sockgrade must leave none running.
import subprocess
import sys
from socket import *

MARK = 'hostile-forks-marker'
SLEEPER = [sys.executable, '-c', 'import time; time.sleep(3600)', MARK]
# runs in a fresh process that carries the marker: setsid, fork again, the grandchild sleeps in /
DAEMON = [sys.executable, '-c', "import os, time\nos.setsid()\nif os.fork(): os._exit(0)\n"
          "os.chdir('/')\ntime.sleep(3600)", MARK]

children = [subprocess.Popen(SLEEPER) for _ in range(20)]
# Not waited for: 21 Pythons starting at once on a loaded machine would take longer than the
# server may take to listen, and the verdict would depend on the load. The middle process exits
# once it has forked; the daemon lives on.
subprocess.Popen(DAEMON)

serverPort = int(sys.argv[1])
# create TCP welcoming socket
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(5)
print('The server is ready to receive')
# loop forever
while True:
    connectionSocket, addr = serverSocket.accept()
    sentence = connectionSocket.recv(1024).decode()
    capitalizedSentence = sentence.upper()
    connectionSocket.sendall(capitalizedSentence.encode())
    # close connection to this client (not the welcoming socket)
    connectionSocket.close()
