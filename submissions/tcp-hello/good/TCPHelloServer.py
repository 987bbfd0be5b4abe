# Correct solution: TCP hello server on the port given as the first argument, serving clients one after another
import socket
import sys

port = int(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("0.0.0.0", port))
server.listen()
print("Listening on port", port)

while True:
    con, addr = server.accept()
    print("Connection from", addr)
    con.sendall("Hello world!".encode())
    data = con.recv(1024)
    print(data.decode())
    con.close()
