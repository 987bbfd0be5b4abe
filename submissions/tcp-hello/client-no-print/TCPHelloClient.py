# Broken on purpose: the client receives the server's greeting but never prints it
import socket
import sys

sock = socket.socket()
sock.connect((sys.argv[1], int(sys.argv[2])))
sock.send("Hello world!".encode())
data = sock.recv(1024)
sock.close()
