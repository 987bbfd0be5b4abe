# Broken on purpose: the client sends only the first word of sys.argv[2]
from socket import *
import sys

serverIP = '127.0.0.1'
serverPort = 12000  # the handout's server port: the client is given only its bind port and message
clientSocket = socket(AF_INET, SOCK_DGRAM)
clientSocket.bind(('', int(sys.argv[1])))
message = sys.argv[2].split()[0]
clientSocket.sendto(message.encode(), (serverIP, serverPort))
modifiedMessage, serverAddress = clientSocket.recvfrom(2048)
print(modifiedMessage.decode())
clientSocket.close()
