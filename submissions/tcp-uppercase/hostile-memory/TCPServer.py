# Hostile: allocates 10 MiB blocks without end before it binds the port.
# sockgrade's memory limit must make it crash (MemoryError), and the server checks must fail.
import sys
from socket import *

hoard = []
while True:
    hoard.append(bytearray(10 * 1024 * 1024))

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
