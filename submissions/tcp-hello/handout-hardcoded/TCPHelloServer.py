# Handout 004 "TCP server example" code, verbatim except: nothing (it already runs under Python 3).
import socket

sock = socket.socket()
sock.bind(("0.0.0.0", 1337))
sock.listen()

con, addr = sock.accept()
con.send("Hello world!".encode())
data = con.recv(1024)
print(data.decode())
sock.close()
