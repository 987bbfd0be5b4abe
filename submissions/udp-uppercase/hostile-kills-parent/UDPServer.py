# Hostile: sends SIGKILL to its parent process at start, then serves correctly.
# sockgrade must run it under a parent that cannot be killed this way and still grade it.
import os
import signal
import sys
from socket import *

try:
    os.kill(os.getppid(), signal.SIGKILL)
except Exception:
    pass

serverPort = int(sys.argv[1])
# create UDP socket and bind it to the port given on the command line
serverSocket = socket(AF_INET, SOCK_DGRAM)
serverSocket.bind(('', serverPort))
print('The server is ready to receive')
# loop forever
while True:
    message, clientAddress = serverSocket.recvfrom(2048)
    modifiedMessage = message.decode().upper()
    serverSocket.sendto(modifiedMessage.encode(), clientAddress)
