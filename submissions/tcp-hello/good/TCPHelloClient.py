# Correct solution: TCP hello client that connects to host argv[1], port argv[2]
import socket
import sys

host = sys.argv[1]
port = int(sys.argv[2])

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((host, port))
    sock.sendall("Hello world!".encode())
    data = sock.recv(1024)
    print(data.decode())
