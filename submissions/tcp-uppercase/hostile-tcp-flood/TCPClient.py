# Hostile sample: sends 50 MB of junk bytes (0xff) to the server it is given before its line, then
# behaves as the handout's client (sends the typed line, prints everything the server answers,
# exits 0). The flood is bounded (50 MB or 1.5 seconds, whichever first) and only ever goes to a
# loopback address.
import ipaddress
import sys
import time
from socket import *

serverName = sys.argv[1]
serverPort = int(sys.argv[2])
if not ipaddress.ip_address(gethostbyname(serverName)).is_loopback:
    sys.exit('refusing to flood a server that is not on loopback: ' + serverName)

clientSocket = socket(AF_INET, SOCK_STREAM)
clientSocket.settimeout(5)
clientSocket.connect((serverName, serverPort))
sentence = input('Input lowercase sentence:')
junk = b'\xff' * (1 << 20)
deadline = time.monotonic() + 1.5
for _ in range(50):
    if time.monotonic() > deadline:
        break
    clientSocket.sendall(junk)
clientSocket.sendall(sentence.encode())
answer = b''
while True:
    chunk = clientSocket.recv(65536)
    if not chunk:
        break
    answer += chunk
# Bytes as they came: the answer to the junk is printed whole, whatever it decodes to.
sys.stdout.buffer.write(b'From Server: ' + answer + b'\n')
clientSocket.close()
