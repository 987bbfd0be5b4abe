# Passes: the client joins every argument after the bind port into its message, so an unquoted
# `UDPClient-usingarg.py 1600 hello from client1` works too (a common student variant). Run as the
# handout does, with two arguments, it sends exactly the message.
from socket import *
import sys

serverIP = '127.0.0.1'
serverPort = 12000
clientSocket = socket(AF_INET, SOCK_DGRAM)
clientSocket.bind(('', int(sys.argv[1])))
message = ' '.join(sys.argv[2:])
clientSocket.sendto(message.encode(), (serverIP, serverPort))
modifiedMessage, serverAddress = clientSocket.recvfrom(2048)
print(modifiedMessage.decode())
clientSocket.close()
