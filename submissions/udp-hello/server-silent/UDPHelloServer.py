# Broken on purpose: the server answers "Hello world!" but prints neither the sender nor the message
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("0.0.0.0", int(sys.argv[1])))
data, addr = sock.recvfrom(1024)
sock.sendto("Hello world!".encode(), addr)
sock.close()
