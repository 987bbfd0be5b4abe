# Broken on purpose: after 1000 good rounds it sleeps forever without closing.
import socket
import sys
import time

HOST = sys.argv[1]
PORT = int(sys.argv[2])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
for i in range(1000):
    s.sendall(b'Hello, world')
    data = s.recv(1024)
    print(data)
# done, but the socket is never closed
while True:
    time.sleep(1)
