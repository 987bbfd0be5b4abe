# Python 2 student code (Kurose & Ross style), with only the port taken from sys.argv:
# the print statements are a SyntaxError in Python 3, so this server never starts.
import sys
from socket import *
serverPort = int(sys.argv[1])
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(1)
print 'The server is ready to receive'
while 1:
    connectionSocket, addr = serverSocket.accept()
    sentence = connectionSocket.recv(1024)
    capitalizedSentence = sentence.upper()
    connectionSocket.send(capitalizedSentence)
    print 'Sent', capitalizedSentence, 'to', addr
    connectionSocket.close()
