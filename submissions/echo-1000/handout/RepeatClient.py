# Sample: the handout's Sending - Client, made Python 3, host and port from sys.argv.
import socket
import sys
count=0
HOST = sys.argv[1]          # The remote host
PORT = int(sys.argv[2])     # The same port as used by the server
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
while count < 1000:
    s.sendall(b'Hello, world')
    data = s.recv(1024)
    print(data)
    count += 1
s.close
