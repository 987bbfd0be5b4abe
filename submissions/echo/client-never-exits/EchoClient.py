# Broken on purpose: prints the echo, then sleeps forever instead of exiting.
import socket
import sys
import time

HOST = sys.argv[1]
PORT = int(sys.argv[2])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
s.sendall(b'Hello, world')
data = s.recv(1024)
print('Received', repr(data))
while True:
    time.sleep(1)
