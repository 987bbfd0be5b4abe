#!/usr/bin/env python3
# Handout 000 "Echo Program - Server.py" code, verbatim except: nothing (it already runs under Python 3).

import socket

HOST = '127.0.0.1'    # Standard loopback interface address (localhost)
PORT = 65432          # Port to listen on (non-privileged ports are > 1023)

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
