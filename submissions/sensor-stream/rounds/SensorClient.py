# Broken on purpose: sends each reading rounded to a whole number.
import socket
import sys

HOST = sys.argv[1]        # The remote host
PORT = int(sys.argv[2])   # The same port as used by the server
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
for line in sys.stdin:
    line = line.strip()
    if line:
        s.sendall((str(round(float(line))) + '\n').encode())
s.close()
