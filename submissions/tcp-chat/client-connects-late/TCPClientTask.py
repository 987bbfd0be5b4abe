# Correct: reads the first message before it connects (connects lazily).
import sys
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
clientSocket = None
while True:
    message = input('Enter message to send or type Exit to disconnect: ')
    if clientSocket is None:
        clientSocket = socket(AF_INET, SOCK_STREAM)
        clientSocket.connect((serverName, serverPort))
    clientSocket.send(message.encode())
    reply = clientSocket.recv(1024).decode()
    print('Received Message from Server:', reply)
    if message == 'Exit':
        break
clientSocket.close()
print('Now you are disconnected from the server')
