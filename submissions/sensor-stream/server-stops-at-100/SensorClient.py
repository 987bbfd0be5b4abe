# Correct client: sends each reading as soon as it is read from stdin.
import socket
import sys

HOST = sys.argv[1]        # The remote host
PORT = int(sys.argv[2])   # The same port as used by the server
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
for line in sys.stdin:
    reading = line.strip()
    if reading:
        s.sendall((reading + '\n').encode())
s.close()
