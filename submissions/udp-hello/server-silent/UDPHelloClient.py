# Correct client (this sample's defect is in the server)
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.sendto("Hello world!".encode(), (sys.argv[1], int(sys.argv[2])))
data, addr = sock.recvfrom(1024)
print("Message from:", addr)
print(data.decode())
sock.close()
