# Correct solution: UDP hello client that sends to host argv[1], port argv[2]
import socket
import sys

host = sys.argv[1]
port = int(sys.argv[2])

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    sock.sendto("Hello world!".encode(), (host, port))
    data, addr = sock.recvfrom(1024)
    print("Message from:", addr)
    print(data.decode())
