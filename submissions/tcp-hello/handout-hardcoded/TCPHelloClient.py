# Handout 004 "TCP client example" code, verbatim except: nothing (it already runs under Python 3).
import socket

sock = socket.socket()
sock.connect(("127.0.0.1", 1337))
sock.send("Hello world!".encode())
data = sock.recv(1024)
print(data.decode())
sock.close()
