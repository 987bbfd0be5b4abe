import sys
import threading
from socket import *


def handleClient(connectionSocket):
    # answer one client, then close its connection
    sentence = connectionSocket.recv(1024).decode()
    capitalizedSentence = sentence.upper()
    connectionSocket.sendall(capitalizedSentence.encode())
    connectionSocket.close()


serverPort = int(sys.argv[1])
# create TCP welcoming socket
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(5)
print('The server is ready to receive')
# loop forever, one thread per client
while True:
    connectionSocket, addr = serverSocket.accept()
    t = threading.Thread(target=handleClient, args=(connectionSocket,), daemon=True)
    t.start()
