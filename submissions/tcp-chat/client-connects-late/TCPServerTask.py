# Correct: answers every message with its length in bytes, Exit with Disconnect, then serves the next client.
import sys
from socket import *

serverPort = int(sys.argv[1])
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
serverSocket.bind(('', serverPort))
serverSocket.listen(1)
print('The server is ready to receive')
while True:
    connectionSocket, addr = serverSocket.accept()
    print('Connected to', addr)
    while True:
        data = connectionSocket.recv(1024)
        if not data:
            break
        if data.decode() == 'Exit':
            connectionSocket.send('Disconnect'.encode())
            break
        connectionSocket.send(('Your data was ' + str(len(data)) + ' bytes').encode())
    connectionSocket.close()
    print('Connection closed')
