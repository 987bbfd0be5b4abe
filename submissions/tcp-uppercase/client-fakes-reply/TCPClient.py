# Broken on purpose: sends the typed line, then prints it upper-cased itself, never reading the
# server's answer (exits 0). Its output looks right; it did not come from the server.
import sys
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
clientSocket = socket(AF_INET, SOCK_STREAM)
clientSocket.connect((serverName, serverPort))
sentence = input('Input lowercase sentence:')
clientSocket.sendall(sentence.encode())
print('From Server:', sentence.upper())
clientSocket.close()
