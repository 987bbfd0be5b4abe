# Broken on purpose: sends the typed line, then prints it upper-cased itself, never reading the
# server's answer (exits 0). Its output looks right; it did not come from the server.
import sys
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
clientSocket = socket(AF_INET, SOCK_DGRAM)
message = input('Input lowercase sentence:')
clientSocket.sendto(message.encode(), (serverName, serverPort))
print('From Server:', message.upper())
clientSocket.close()
