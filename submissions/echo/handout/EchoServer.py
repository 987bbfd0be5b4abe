#!/usr/bin/env python3
# Sample: the handout's Echo Program server, taking the port from sys.argv.

import socket
import sys

HOST = '127.0.0.1'    # Standard loopback interface address (localhost)
PORT = int(sys.argv[1])   # Port to listen on, from the command line

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind((HOST, PORT))
    s.listen()
    conn, addr = s.accept()
    with conn:
        print('Connected by', addr)
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data)
