# Handout 000 "Python TCPClient" code, verbatim except: serverName 'servername' (a placeholder that does not resolve) replaced by '127.0.0.1', the address handout 001 prints for the same client.
from socket import *
serverName = '127.0.0.1'
serverPort = 12000
clientSocket = socket(AF_INET, SOCK_STREAM)
clientSocket.connect((serverName, serverPort))
sentence = input('Input lowercase sentence:')
clientSocket.send(str.encode(sentence))
modifiedSentence = clientSocket.recv(1024)
print ('From Server: ', bytes.decode(modifiedSentence))
clientSocket.close()
