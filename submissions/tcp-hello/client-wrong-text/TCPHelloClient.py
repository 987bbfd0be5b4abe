# Broken on purpose: the client sends "hello world" instead of "Hello world!"
import socket
import sys

sock = socket.socket()
sock.connect((sys.argv[1], int(sys.argv[2])))
sock.send("hello world".encode())
data = sock.recv(1024)
print(data.decode())
sock.close()
