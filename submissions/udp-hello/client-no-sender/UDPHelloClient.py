# Broken on purpose: the client prints the answer but not the address it came from
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.sendto("Hello world!".encode(), (sys.argv[1], int(sys.argv[2])))
data, addr = sock.recvfrom(1024)
print(data.decode())
sock.close()
