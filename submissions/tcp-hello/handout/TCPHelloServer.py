# Handout code (TCP server example), with the port taken from sys.argv[1]
import socket
import sys

sock = socket.socket()
sock.bind(("0.0.0.0", int(sys.argv[1])))
sock.listen()

con, addr = sock.accept()
con.send("Hello world!".encode())
data = con.recv(1024)
print(data.decode())
sock.close()
