# Handout 004 "UDP server example" code, verbatim except: nothing (it already runs under Python 3).
import socket

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("0.0.0.0", 1337))
data, addr = sock.recvfrom(1024)
print("Message from:", addr)
print(data.decode())
sock.sendto("Hello world!".encode(), addr)
sock.close()
