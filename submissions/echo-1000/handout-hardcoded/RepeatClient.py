# Handout 002 "Sending - Client" code, verbatim except: HOST 'IP address of server' (a placeholder) replaced by '127.0.0.1'; Python 3: s.sendall('Hello, world') -> s.sendall(b'Hello, world'), print data -> print(data). (s.close without parentheses is kept as printed: the socket closes when the program exits.)
import socket
count=0
HOST = '127.0.0.1'    # The remote host
PORT = 50007                      # The same port as used by the server
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((HOST, PORT))
while count < 1000:
    s.sendall(b'Hello, world')
    data = s.recv(1024)
    print(data)
    count += 1
s.close
