# Broken on purpose: echoes only the first recv() of each connection, then closes it.
import socket
import sys

PORT = int(sys.argv[1])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('', PORT))
s.listen(5)
print('Echo server listening on port', PORT)
while True:
    conn, addr = s.accept()
    print('Connected by', addr)
    data = conn.recv(1024)
    conn.sendall(data)
    conn.close()
