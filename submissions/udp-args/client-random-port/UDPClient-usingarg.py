# Broken on purpose: the client binds port 0 (lets the OS pick) instead of the port in sys.argv[1]
from socket import *
import sys

serverIP = '127.0.0.1'
serverPort = 12000  # the handout's server port: the client is given only its bind port and message
clientSocket = socket(AF_INET, SOCK_DGRAM)
clientSocket.bind(('', 0))
message = sys.argv[2]
clientSocket.sendto(message.encode(), (serverIP, serverPort))
modifiedMessage, serverAddress = clientSocket.recvfrom(2048)
print(modifiedMessage.decode())
clientSocket.close()
