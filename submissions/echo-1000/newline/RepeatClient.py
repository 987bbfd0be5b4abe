# Broken on purpose: sends 'Hello, world' with a newline after it.
import socket
import sys

HOST = sys.argv[1]
PORT = int(sys.argv[2])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
for i in range(1000):
    s.sendall(b'Hello, world\n')
    data = s.recv(1024)
    print(data)
s.close()
