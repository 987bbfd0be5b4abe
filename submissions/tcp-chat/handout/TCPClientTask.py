# Correct, written to print exactly what the handout's "TCP Task Output" shows.
import sys
import socket

host = sys.argv[1]
port = int(sys.argv[2])
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.connect((host, port))
while True:
    message = input('Enter message to send or type Exit to disconnect: ')
    sock.sendall(message.encode())
    reply = sock.recv(1024).decode()
    print('Received Message from Server:', reply)
    if message == 'Exit':
        break
sock.close()
print('Now you are disconnected from the server')
