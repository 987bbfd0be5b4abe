# Broken on purpose: the server waits to receive the client's message before it sends "Hello world!"
import socket
import sys

sock = socket.socket()
sock.bind(("0.0.0.0", int(sys.argv[1])))
sock.listen()

con, addr = sock.accept()
data = con.recv(1024)
print(data.decode())
con.send("Hello world!".encode())
sock.close()
