# Broken on purpose: the client sends "hello world" instead of "Hello world!"
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.sendto("hello world".encode(), (sys.argv[1], int(sys.argv[2])))
data, addr = sock.recvfrom(1024)
print("Message from:", addr)
print(data.decode())
sock.close()
