# Handout code (UDP client example), with the host and port taken from sys.argv[1] and sys.argv[2]
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.sendto("Hello world!".encode(), (sys.argv[1], int(sys.argv[2])))
data, addr = sock.recvfrom(1024)
print("Message from:", addr)
print(data.decode())
sock.close()
