# Broken on purpose, as real submissions did: sends each typed line, then prints "Your data was N
# bytes" counted from its own input, and "Disconnect" itself after Exit, never reading the server's
# answers. Its output looks right; none of it came from the server.
import sys
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
clientSocket = socket(AF_INET, SOCK_STREAM)
clientSocket.connect((serverName, serverPort))
while True:
    message = input('Enter message to send or type Exit to disconnect: ')
    clientSocket.send(message.encode())
    if message == 'Exit':
        print('Received Message from Server: Disconnect')
        break
    print('Received Message from Server: Your data was', len(message.encode()), 'bytes')
clientSocket.close()
print('Now you are disconnected from the server')
