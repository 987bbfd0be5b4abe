# Broken on purpose: the received text is collected in one variable made before the loop and never
# emptied, so each client is answered everything received so far, its own sentence last.
import sys
from socket import *

serverPort = int(sys.argv[1])
# create TCP welcoming socket
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(5)
print('The server is ready to receive')
sentence = ''
# loop forever
while True:
    connectionSocket, addr = serverSocket.accept()
    sentence += connectionSocket.recv(1024).decode()
    capitalizedSentence = sentence.upper()
    connectionSocket.sendall(capitalizedSentence.encode())
    # close connection to this client (not the welcoming socket)
    connectionSocket.close()
