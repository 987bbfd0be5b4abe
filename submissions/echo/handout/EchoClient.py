#!/usr/bin/env python3
# Sample: the handout's Echo Program client, taking host and port from sys.argv.

import socket
import sys

HOST = sys.argv[1]        # The server's hostname or IP address
PORT = int(sys.argv[2])   # The port used by the server

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.connect((HOST, PORT))
    s.sendall(b'Hello, world')
    data = s.recv(1024)

print('Received', repr(data))
