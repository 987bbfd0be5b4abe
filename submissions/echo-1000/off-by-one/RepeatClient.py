# Broken on purpose: makes only 999 round trips (count starts at 1).
import socket
import sys

HOST = sys.argv[1]
PORT = int(sys.argv[2])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
count = 1
while count < 1000:
    s.sendall(b'Hello, world')
    data = s.recv(1024)
    print(data)
    count += 1
s.close()
