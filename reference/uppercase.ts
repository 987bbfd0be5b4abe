// The uppercase labs (handouts 000, 001, 003): the oracle for what a server answers, and the
// reference server and client built on it. The harness's peers import these same functions.
import dgram from 'node:dgram';
import net from 'node:net';
import { lookup } from 'node:dns/promises';
import { bindUdpOnLoopback, formatAddress, listenTcpOnLoopback, type Closable } from './kit/loopback.ts';
import { answer, HeldAnswers, type Observer } from './kit/observer.ts';

/** Why: the single definition of a correct answer; the handouts upper-case the decoded text. */
export function uppercaseReply(request: Buffer): Buffer {
  return Buffer.from(request.toString('utf8').toUpperCase(), 'utf8');
}

/** Why: the UDP server of the handouts: answer every datagram, to its sender, forever. */
export function startUdpUppercaseServer(port: number, observer: Observer = {}): Promise<Closable> {
  return bindUdpOnLoopback(port, (message, from, socket) => {
    const peer = formatAddress(from.address, from.port);
    observer.received?.(message, peer);
    const reply = uppercaseReply(message);
    answer(observer, () => {
      observer.sent?.(reply, peer);
      socket.send(reply, from.port, from.address);
    });
  });
}

/** Why: the TCP server of the handouts: per connection, one recv, one answer, then close. */
export function startTcpUppercaseServer(port: number, observer: Observer = {}): Promise<Closable> {
  return listenTcpOnLoopback(port, (socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    observer.connected?.(peer);
    socket.on('error', () => {});
    const held = new HeldAnswers(observer);
    socket.once('data', (data) => {
      observer.received?.(data, peer);
      const reply = uppercaseReply(data);
      held.answer(() => {
        observer.sent?.(reply, peer);
        socket.end(reply);
        observer.closed?.(peer, 'server');
      });
    });
    socket.once('end', () => held.whenAnswered(() => socket.end()));
  });
}

/** Why: the reference UDP client: one datagram out, one back. */
export async function udpUppercaseClient(host: string, port: number, line: string): Promise<Buffer> {
  const { address, family } = await lookup(host);
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  try {
    const reply = new Promise<Buffer>((resolve, reject) => {
      socket.once('message', resolve);
      socket.once('error', reject);
    });
    socket.send(Buffer.from(line, 'utf8'), port, address);
    return await reply;
  } finally {
    socket.close();
  }
}

/** Why: the reference TCP client: connect, send the line, read until the server closes. */
export function tcpUppercaseClient(host: string, port: number, line: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port }, () => socket.write(line));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}
