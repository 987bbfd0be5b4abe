# Broken on purpose: makes the 1000 round trips but prints nothing.
import socket
import sys

HOST = sys.argv[1]
PORT = int(sys.argv[2])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
for i in range(1000):
    s.sendall(b'Hello, world')
    data = s.recv(1024)
    pass
s.close()
