# Handout code (TCP client example), with the host and port taken from sys.argv[1] and sys.argv[2]
import socket
import sys

sock = socket.socket()
sock.connect((sys.argv[1], int(sys.argv[2])))
sock.send("Hello world!".encode())
data = sock.recv(1024)
print(data.decode())
sock.close()
