# Broken on purpose: sends all 1000 greetings before reading any echo.
import socket
import sys

HOST = sys.argv[1]
PORT = int(sys.argv[2])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
for i in range(1000):
    s.sendall(b'Hello, world')
data = b''
while len(data) < 12000:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
print(data)
s.close()
