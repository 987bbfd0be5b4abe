# Handout 001 "Python UDPClient" code updated as its "UDP Using Arguments Task" asks: two arguments,
# the port it binds to and the message (`python UDPClient-usingarg.py 1600 "hello from client1"`);
# the server stays on 127.0.0.1:12000. Slide-typo fixed: bind( ' ', 0 ) is bind(('', port)).
from socket import *
import sys
serverIP = '127.0.0.1'
serverPort = 12000
clientSocket = socket(AF_INET, SOCK_DGRAM)
clientSocket.bind(('', int(sys.argv[1])))
message = sys.argv[2]
clientSocket.sendto(message.encode(), (serverIP, serverPort))
modifiedMessage, serverAddress = clientSocket.recvfrom(2048)
print (modifiedMessage.decode())
clientSocket.close()
