// TcpPeer against real servers whose reads the test controls: waitUntilRead must tell a
// segment the program has read from one still waiting in its socket.
import net from 'node:net';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../../harness/engine/transcript.ts';
import { TcpPeer } from '../../harness/peers/tcp.ts';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

// A Python server that accepts, then reads only when told to on stdin: a program busy elsewhere.
const LAZY_SERVER = `
import socket, sys
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
conn, _ = s.accept()
sys.stdin.readline()
print(conn.recv(1024).decode(), flush=True)
sys.stdin.readline()
`;

async function lazyServer(): Promise<{ port: number; program: ReturnType<typeof execa> }> {
  const program = execa('python3', ['-c', LAZY_SERVER], { stdin: 'pipe', reject: false });
  closers.push(() => program.kill('SIGKILL'));
  const port = await new Promise<number>((resolve) => program.stdout!.once('data', (line: Buffer) => resolve(Number(line.toString().trim()))));
  return { port, program };
}

describe('TcpPeer.waitUntilRead', () => {
  it('is false while the bytes sit unread in the program’s socket, true once it has read them', async () => {
    const { port, program } = await lazyServer();
    const transcript = new Transcript();
    const peer = await TcpPeer.connect('127.0.0.1', port, transcript, 'sensor', 5000);
    closers.push(() => peer.close());
    peer.send('21.');
    expect(await peer.waitUntilRead(300)).toBe(false);
    // print() may reach the pipe in two writes (the text, then its newline): read up to the newline.
    let printed = '';
    const read = new Promise<string>((resolve) => program.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()).endsWith('\n') && resolve(printed)));
    program.stdin!.write('read now\n');
    expect(await peer.waitUntilRead(10_000)).toBe(true);
    expect(await read).toBe('21.\n');
    expect(transcript.events.map((e) => [e.from, e.what, e.data])).toEqual([
      ['sensor', `connect from port ${peer.localPort}`, undefined],
      ['sensor', 'data', '21.'],
    ]);
  });

  it('end() half-closes: the program sees end of stream, and its answer still arrives', async () => {
    const server = net.createServer((socket) => socket.on('end', () => socket.end('bye')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const peer = await TcpPeer.connect('127.0.0.1', (server.address() as net.AddressInfo).port, new Transcript(), 'client', 5000);
    closers.push(() => peer.close());
    peer.end();
    expect(peer.hasEnded).toBe(false);
    const { data } = await peer.read((d) => d.length >= 3, 10_000);
    expect(data.toString()).toBe('bye');
    expect(await peer.waitForEnd(10_000)).toBe(true);
    expect(peer.hasEnded).toBe(true);
  });
});
