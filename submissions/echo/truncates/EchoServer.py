# Broken on purpose: sends back at most 1000 bytes of each recv() ("max message size").
import socket
import sys

PORT = int(sys.argv[1])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('', PORT))
s.listen(5)
print('Echo server listening on port', PORT)
MAX_MESSAGE = 1000
while True:
    conn, addr = s.accept()
    print('Connected by', addr)
    while True:
        data = conn.recv(65536)
        if not data:
            break
        conn.sendall(data[:MAX_MESSAGE])
    conn.close()
