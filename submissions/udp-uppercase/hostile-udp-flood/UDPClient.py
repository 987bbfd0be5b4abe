# Hostile sample: floods the server it is given with junk datagrams, then behaves as the handout's
# client (sends the typed line, prints the first answer in its queue, exits 0). The flood is bounded
# (50,000 datagrams or 1.5 seconds, whichever first) and only ever goes to a loopback address.
import ipaddress
import sys
import time
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
serverAddress = (serverName, serverPort)
if not ipaddress.ip_address(gethostbyname(serverName)).is_loopback:
    sys.exit('refusing to flood a server that is not on loopback: ' + serverName)

clientSocket = socket(AF_INET, SOCK_DGRAM)
message = input('Input lowercase sentence:')
deadline = time.monotonic() + 1.5
for i in range(50000):
    if i % 1000 == 0 and time.monotonic() > deadline:
        break
    try:
        clientSocket.sendto(('flood %05d ' % i).encode() + b'x' * 50, serverAddress)
    except OSError:
        pass  # a full buffer or an ICMP error: floods do not care
clientSocket.sendto(message.encode(), serverAddress)
# The first answer queued is the one to the first junk datagram: that is what gets printed.
modifiedMessage, serverAddress = clientSocket.recvfrom(2048)
print('From Server:', modifiedMessage.decode())
clientSocket.close()
