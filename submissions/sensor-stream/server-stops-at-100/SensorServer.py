# Correct: closes the connection once it has stored the 100 readings it keeps.
# Correct server: stores the first 100 readings, keeping partial lines between recv() calls.
import socket
import sys

HOST = ''                 # Symbolic name meaning all available interfaces
PORT = int(sys.argv[1])
outfile = sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind((HOST, PORT))
s.listen(1)
conn, addr = s.accept()
print('Connected by', addr)
f = open(outfile, 'w')
count = 0
buf = ''
while 1:
    data = conn.recv(1024)
    if not data: break
    buf += data.decode()
    while '\n' in buf:
        line, buf = buf.split('\n', 1)
        line = line.strip()
        if line and count < 100:
            f.write(line + '\n')
            f.flush()
            count += 1
    if count >= 100: break
conn.close()
f.close()
