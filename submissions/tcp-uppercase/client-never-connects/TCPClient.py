# Looks like a client, prints what a server would answer, but never opens a socket.
import sys

sentence = input('Input lowercase sentence:')
print('From Server:', sentence.upper())
