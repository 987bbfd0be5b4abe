# Hostile: a daemon thread writes 4 KiB lines to stdout without end while the server works.
# sockgrade must keep only a bounded amount of output (its memory must stay bounded).
import sys
import threading
from socket import *


def flood():
    line = 'x' * 4095 + '\n'
    while True:
        sys.stdout.write(line)
        sys.stdout.flush()


threading.Thread(target=flood, daemon=True).start()

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
    # close connection to this client (not the welcoming socket)
    connectionSocket.close()
