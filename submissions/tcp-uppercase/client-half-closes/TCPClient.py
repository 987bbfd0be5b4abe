# Correct: shuts down its sending side (shutdown(SHUT_WR)) before it reads the answer.
import sys
from socket import *
clientSocket = socket(AF_INET, SOCK_STREAM)
clientSocket.connect((sys.argv[1], int(sys.argv[2])))
sentence = input('Input lowercase sentence:')
clientSocket.sendall(sentence.encode())
clientSocket.shutdown(SHUT_WR)
modifiedSentence = clientSocket.recv(1024)
print('From Server:', modifiedSentence.decode())
clientSocket.close()
