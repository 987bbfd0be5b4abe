# Correct solution: UDP hello server on the port given as the first argument, answering every datagram
import socket
import sys

port = int(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(("0.0.0.0", port))
print("Waiting for messages on port", port)

while True:
    data, addr = server.recvfrom(1024)
    print("Message from:", addr)
    print(data.decode())
    server.sendto("Hello world!".encode(), addr)
