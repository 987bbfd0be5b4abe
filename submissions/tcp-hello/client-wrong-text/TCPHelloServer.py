# Correct server (this sample's defect is in the client)
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
