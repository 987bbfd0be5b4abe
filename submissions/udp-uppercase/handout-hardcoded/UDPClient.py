# Handout 000 "Example app: UDP Client" code, verbatim except: serverName 'hostname' (a placeholder that does not resolve) replaced by '127.0.0.1', the address handout 001 prints for the same client.
from socket import *

serverName = '127.0.0.1'

serverPort = 12000

clientSocket = socket(AF_INET, SOCK_DGRAM)

message = input('Input lowercase sentence:')

clientSocket.sendto(str.encode(message), (serverName, serverPort))

modifiedMessage, serverAddress = clientSocket.recvfrom(2048)

print (bytes.decode(modifiedMessage))

clientSocket.close()
