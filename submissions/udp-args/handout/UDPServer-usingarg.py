# Handout 001 "UDP Using Arguments Task": the server is "kept as it is" (the "Python UDPServer" code,
# port 12000 hard-coded), with the two prints its output screenshot shows (This message: / is received from:).
from socket import *
serverPort = 12000
serverSocket = socket(AF_INET, SOCK_DGRAM)
serverSocket.bind(('', serverPort))
print("The server is ready to receive")
while True:
    message, clientAddress = serverSocket.recvfrom(2048)
    print("This message: ", message.decode())
    print("is received from:", clientAddress)
    modifiedMessage = message.decode().upper()
    serverSocket.sendto(modifiedMessage.encode(), clientAddress)
