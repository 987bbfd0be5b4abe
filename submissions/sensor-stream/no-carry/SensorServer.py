# Broken on purpose: splits each recv() chunk on newlines but keeps no partial line for the next recv(), so a reading split across two recv() calls is stored as two wrong readings.
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
while 1:
    data = conn.recv(1024)
    if not data: break
    for line in data.decode().split('\n'):
        line = line.strip()
        if line and count < 100:
            f.write(line + '\n')
            f.flush()
            count += 1
conn.close()
f.close()
