# Correct client (this sample's defect is in the server)
import socket
import sys

sock = socket.socket()
sock.connect((sys.argv[1], int(sys.argv[2])))
sock.send("Hello world!".encode())
data = sock.recv(1024)
print(data.decode())
sock.close()
