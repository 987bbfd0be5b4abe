# Handout 004 "UDP client example" code, verbatim except: the stray one-space indent of the five lines after `sock = ...` removed (an IndentationError as printed).
import socket

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.sendto("Hello world!".encode(), ("127.0.0.1", 1337))
data, addr = sock.recvfrom(1024)
print("Message from:", addr)
print(data.decode())
sock.close()
