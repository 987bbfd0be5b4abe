# Correct: sends each typed line, prints each answer, says goodbye after Exit.
import sys
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
clientSocket = socket(AF_INET, SOCK_STREAM)
clientSocket.connect((serverName, serverPort))
while True:
    message = input('Enter message to send or type Exit to disconnect: ')
    clientSocket.send(message.encode())
    reply = clientSocket.recv(1024).decode()
    print('Received Message from Server:', reply)
    if message == 'Exit':
        break
clientSocket.close()
print('Now you are disconnected from the server')
