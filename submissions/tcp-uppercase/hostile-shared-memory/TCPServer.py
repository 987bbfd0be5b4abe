# Hostile: maps 2.5 GB of shared anonymous memory (which RLIMIT_DATA does not count) and touches
# every page before it binds its port. The check's memory limit must stop it: its server checks fail.
import mmap
import sys
from socket import *

size = 2560 * 1024 * 1024
shared = mmap.mmap(-1, size, flags=mmap.MAP_SHARED | mmap.MAP_ANONYMOUS)
for offset in range(0, size, mmap.PAGESIZE):
    shared[offset] = 1
print('touched 2.5 GB of shared memory', flush=True)

serverPort = int(sys.argv[1])
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(5)
print('The server is ready to receive')
while True:
    connectionSocket, addr = serverSocket.accept()
    sentence = connectionSocket.recv(1024).decode()
    connectionSocket.sendall(sentence.upper().encode())
    connectionSocket.close()
