# Hostile: writes 30 files of 60 MiB (each under the 64 MiB file size limit, 1.8 GB together)
# before it serves correctly. The check's disk limit stops the writing; then it serves, and passes.
import os
import sys
from socket import *

written = 0
block = b'x' * (1 << 20)
try:
    for number in range(30):
        with open('hoard-%d.bin' % number, 'wb') as hoard:
            for _ in range(60):
                hoard.write(block)
                written += 1
except OSError as error:
    print('disk: wrote %d MiB, then %s' % (written, os.strerror(error.errno)), flush=True)
else:
    print('disk: wrote %d MiB' % written, flush=True)
for number in range(30):
    try:
        os.remove('hoard-%d.bin' % number)
    except OSError:
        pass

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
