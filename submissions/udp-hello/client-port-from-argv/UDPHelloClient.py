# Broken on purpose: prints the port it was given on the command line, not the address the answer came from
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("Sending to", sys.argv[1], sys.argv[2])
sock.sendto("Hello world!".encode(), (sys.argv[1], int(sys.argv[2])))
data, addr = sock.recvfrom(1024)
print(data.decode())
sock.close()
