# Broken on purpose: never closes the connection after the client closes; sleeps forever.
import socket
import sys
import time

PORT = int(sys.argv[1])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('', PORT))
s.listen(5)
print('Echo server listening on port', PORT)
while True:
    conn, addr = s.accept()
    print('Connected by', addr)
    while True:
        data = conn.recv(4096)
        if not data:
            # client is done, but we never close conn
            while True:
                time.sleep(1)
        conn.sendall(data)
