# Hostile: tries to write a 4 GiB big.bin in its working directory, then serves correctly.
# sockgrade must limit the file size (the write fails with EFBIG) and remove the file afterwards.
import sys
from socket import *

chunk = b'\0' * (1024 * 1024)
try:
    with open('big.bin', 'wb') as f:
        for _ in range(4 * 1024):
            f.write(chunk)
except OSError as e:
    print('writing big.bin failed:', e, file=sys.stderr, flush=True)

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
