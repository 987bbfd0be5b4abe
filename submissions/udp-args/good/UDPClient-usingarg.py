# Correct solution: UDP client that binds argv[1], sends argv[2] to 127.0.0.1:argv[3]
import socket
import sys


def main():
    bind_port = int(sys.argv[1])
    message = sys.argv[2]
    server_port = int(sys.argv[3])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('', bind_port))
    sock.sendto(message.encode(), ('127.0.0.1', server_port))
    reply, _ = sock.recvfrom(2048)
    print(reply.decode())
    sock.close()


if __name__ == '__main__':
    main()
