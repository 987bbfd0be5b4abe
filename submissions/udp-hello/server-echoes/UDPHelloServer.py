# Broken on purpose: the server answers with the message it received instead of "Hello world!"
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("0.0.0.0", int(sys.argv[1])))
data, addr = sock.recvfrom(1024)
print("Message from:", addr)
print(data.decode())
sock.sendto(data, addr)
sock.close()
