# Hostile: leaves a folder tree deeper than PATH_MAX (300 levels of 50-letter names, 15 KB of
# path) in its sandbox, then serves correctly. It passes, and sockgrade leaves nothing behind.
import os
import sys
from socket import *

top = os.open('.', os.O_RDONLY)
folder = top
for level in range(300):
    os.mkdir('d' * 50, dir_fd=folder)
    inner = os.open('d' * 50, os.O_RDONLY, dir_fd=folder)
    if folder != top:
        os.close(folder)
    folder = inner
with open(os.open('deep.txt', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder), 'w') as leaf:
    leaf.write('too deep to remove by path')
print('made a tree 300 folders deep', flush=True)

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
