# Correct solution: upper-case UDP server on the port given as the first argument
import socket
import sys


def main():
    port = int(sys.argv[1])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('', port))
    print("The server is ready to receive")
    while True:
        data, addr = sock.recvfrom(2048)
        text = data.decode()
        print("This message: ", text)
        print("is received from:", addr)
        sock.sendto(text.upper().encode(), addr)


if __name__ == '__main__':
    main()
