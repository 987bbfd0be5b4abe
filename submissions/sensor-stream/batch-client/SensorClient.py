# Broken on purpose: reads all of stdin first, then sends every reading at the end.
import socket
import sys

HOST = sys.argv[1]        # The remote host
PORT = int(sys.argv[2])   # The same port as used by the server
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
readings = sys.stdin.read().split('\n')
for reading in readings:
    reading = reading.strip()
    if reading:
        s.sendall((reading + '\n').encode())
s.close()
