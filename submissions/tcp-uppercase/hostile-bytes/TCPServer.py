# Hostile: prefixes its reply with NUL, an ANSI escape, invalid UTF-8 and "]]>".
# The reply checks must fail, the report must show these bytes escaped and the JUnit XML must stay valid.
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
    connectionSocket.sendall(b'\x00\x1b[31m\xff\xfe]]>' + capitalizedSentence.encode())
    # close connection to this client (not the welcoming socket)
    connectionSocket.close()
