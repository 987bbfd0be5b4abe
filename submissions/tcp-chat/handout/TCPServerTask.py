# Correct, written to print exactly what the handout's "TCP Task Output" shows.
import sys
import socket

port = int(sys.argv[1])
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(('0.0.0.0', port))
sock.listen(1)
while True:
    print('Listening at', sock.getsockname())
    sc, sockname = sock.accept()
    print('The server now is connected to:', sockname)
    print('Socket connects between', sc.getsockname(), 'and', sc.getpeername())
    while True:
        data = sc.recv(1024)
        if not data:
            break
        message = data.decode()
        print('Received Message from Client:', message)
        if message == 'Exit':
            sc.sendall(b'Disconnect')
            break
        sc.sendall(('Your data was %d bytes' % len(data)).encode())
    sc.close()
    print('Reply sent, Server socket closed')
