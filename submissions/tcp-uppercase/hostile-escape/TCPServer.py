# Hostile: before serving correctly, tries every way out of its sandbox it knows and prints what
# each attempt found, one line "escape: {json}" (graded by test/cli/sandbox.test.ts). Nothing it
# tries reaches beyond this machine: the only address it connects to is loopback.
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys

found = {}


def attempt(name, action):
    try:
        found[name] = action()
    except Exception as error:
        found[name] = 'denied: %s' % type(error).__name__


def write(path):
    with open(path, 'w') as handle:
        handle.write('escaped')
    return 'WROTE'


def signal_all():
    # Every process it can see but itself: the Node worker would open its debugger on SIGUSR1.
    sent = []
    for entry in os.listdir('/proc'):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                os.kill(int(entry), signal.SIGUSR1)
                sent.append(int(entry))
            except OSError:
                pass
    return sent


def inspector():
    # A debugger opened by SIGUSR1 listens on 127.0.0.1:9229 of the check's own network.
    probe = socket.create_connection(('127.0.0.1', 9229), timeout=1)
    probe.close()
    return 'OPEN'


def unix_sockets():
    # Root-only sockets of the host (docker, tmux, D-Bus) would give the machine away.
    reached = []
    for folder in ['/run', '/var/run', '/tmp', '/run/user']:
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            path = os.path.join(folder, name)
            try:
                client = socket.socket(socket.AF_UNIX)
                client.connect(path)
                reached.append(path)
                client.close()
            except OSError:
                pass
    return reached


def mount():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(b'tmpfs', b'/tmp', b'tmpfs', 0, b'size=12g') == 0:
        return 'MOUNTED'
    return 'denied: errno %d' % ctypes.get_errno()


def user_namespace():
    run = subprocess.run(['unshare', '--user', '--map-root-user', '--mount', 'true'], capture_output=True)
    return 'MADE' if run.returncode == 0 else 'denied: %s' % run.stderr.decode().strip()


def shared_memory():
    # A System V segment left behind would outlive the check, on the host's IPC namespace.
    libc = ctypes.CDLL(None, use_errno=True)
    return 'made' if libc.shmget(0x50c6a, 4096, 0o1000 | 0o600) >= 0 else 'denied'


def inherited():
    # Descriptors handed down from whoever started sockgrade (the listing's own is /proc/...).
    links = []
    for fd in os.listdir('/proc/self/fd'):
        try:
            links.append(os.readlink('/proc/self/fd/' + fd) if int(fd) > 2 else '/proc/')
        except OSError:
            pass  # the listing's own descriptor, closed already
    return [link for link in links if not link.startswith('/proc/')]


attempt('uid', os.getuid)
attempt('fds', inherited)
attempt('shm', shared_memory)
attempt('root', lambda: sorted(os.listdir('/')))
attempt('dev', lambda: sorted(os.listdir('/dev')))
attempt('tmp', lambda: sorted(os.listdir('/tmp')))
attempt('env', lambda: sorted(os.environ))
attempt('pid1', lambda: open('/proc/1/cmdline').read().replace('\0', ' ').strip())
attempt('signalled', signal_all)
attempt('inspector', inspector)
attempt('unix', unix_sockets)
attempt('mount', mount)
attempt('userns', user_namespace)
for path in ['/etc/escaped', '/usr/escaped', '/dev/escaped', '/proc/sys/kernel/hostname', '/escaped']:
    attempt('write ' + path, lambda path=path: write(path))
for device in ['/dev/kmsg', '/dev/loop-control', '/dev/kvm', '/dev/fuse', '/dev/ptmx', '/dev/vda']:
    attempt('open ' + device, lambda device=device: open(device, 'rb') and 'OPENED')
for folder in ['/root', '/home', '/work', '/var', '/sys', '/run']:
    attempt('list ' + folder, lambda folder=folder: os.listdir(folder))
print('escape: ' + json.dumps(found, sort_keys=True))

serverPort = int(sys.argv[1])
serverSocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serverSocket.bind(('', serverPort))
serverSocket.listen(5)
print('The server is ready to receive')
while True:
    connectionSocket, addr = serverSocket.accept()
    sentence = connectionSocket.recv(1024).decode()
    connectionSocket.sendall(sentence.upper().encode())
    connectionSocket.close()
