# Correct: sends the answer, then a newline in a second send().
import sys
from socket import *

serverPort = int(sys.argv[1])
# create TCP welcoming socket
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(5)
print('The server is ready to receive')
# loop forever
while True:
    connectionSocket, addr = serverSocket.accept()
    sentence = connectionSocket.recv(1024).decode()
    capitalizedSentence = sentence.upper()
    connectionSocket.sendall(capitalizedSentence.encode())
    connectionSocket.sendall(b'\n')
    # close connection to this client (not the welcoming socket)
    connectionSocket.close()
