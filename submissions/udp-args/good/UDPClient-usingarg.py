# Correct solution: UDP client that binds argv[1] and sends argv[2] to the handout's server, 127.0.0.1:12000
import socket
import sys

SERVER = ('127.0.0.1', 12000)


def main():
    bind_port = int(sys.argv[1])
    message = sys.argv[2]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('', bind_port))
    sock.sendto(message.encode(), SERVER)
    reply, _ = sock.recvfrom(2048)
    print(reply.decode())
    sock.close()


if __name__ == '__main__':
    main()
