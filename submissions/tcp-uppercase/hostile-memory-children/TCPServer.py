# Hostile: six children each take 500 MB (each under the per-process RLIMIT_DATA of 512 MiB, 3 GB
# together) before the server binds its port. The check's memory limit, for all its programs
# together, must stop them: its server checks fail.
import os
import sys
import time
from socket import *

readers = []
for _ in range(6):
    reader, writer = os.pipe()
    if os.fork() == 0:
        os.close(reader)
        hoard = bytearray(500 * 1024 * 1024)
        for offset in range(0, len(hoard), 4096):
            hoard[offset] = 1
        os.write(writer, b'!')  # "I hold my 500 MB"
        time.sleep(3600)
    os.close(writer)
    readers.append(reader)
# Serves only if every child holds its 500 MB: 3 GB in all. A child killed first says nothing.
if any(os.read(reader, 1) != b'!' for reader in readers):
    print('a child was killed before it held its 500 MB: the memory limit held', flush=True)
    sys.exit(3)

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
