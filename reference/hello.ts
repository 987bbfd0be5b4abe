// The hello exchanges (handout 004): a TCP server that greets first, a UDP server that greets back,
// and their clients. The harness's checks use the same greeting and log wording.
import dgram from 'node:dgram';
import net from 'node:net';
import { lookup } from 'node:dns/promises';
import { bindUdpOnLoopback, formatAddress, listenTcpOnLoopback, type Closable } from './kit/loopback.ts';
import { answer, HeldAnswers, type Observer } from './kit/observer.ts';

export const HELLO = 'Hello world!';

/** Why: the handout's `print("Message from:", addr)` for a sender, as Python prints the tuple. */
export function senderLine(address: string, port: number): string {
  return `Message from: ('${address}', ${port})`;
}

/** Why: the handout's TCP server: greet at once, then print what the client says. */
export function startTcpHelloServer(port: number, observer: Observer = {}, log: (line: string) => void = () => {}): Promise<Closable> {
  return listenTcpOnLoopback(port, (socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    observer.connected?.(peer);
    socket.on('error', () => {});
    const held = new HeldAnswers(observer);
    held.answer(() => {
      observer.sent?.(Buffer.from(HELLO), peer);
      socket.write(HELLO);
    });
    socket.on('data', (data) => {
      observer.received?.(data, peer);
      log(data.toString('utf8'));
    });
    socket.once('end', () => {
      observer.closed?.(peer, 'peer');
      held.whenAnswered(() => socket.end());
    });
  });
}

/** Why: the handout's UDP server: print who sent what, greet the sender. */
export function startUdpHelloServer(port: number, observer: Observer = {}, log: (line: string) => void = () => {}): Promise<Closable> {
  return bindUdpOnLoopback(port, (message, from, socket) => {
    const peer = formatAddress(from.address, from.port);
    observer.received?.(message, peer);
    log(senderLine(from.address, from.port));
    log(message.toString('utf8'));
    answer(observer, () => {
      observer.sent?.(Buffer.from(HELLO), peer);
      socket.send(HELLO, from.port, from.address);
    });
  });
}

/** Why: the reference TCP client: say hello, return the first thing the server sends. */
export function tcpHelloClient(host: string, port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => socket.write(HELLO));
    socket.once('data', (data) => {
      socket.end();
      resolve(data);
    });
    socket.once('error', reject);
  });
}

/** Why: the reference UDP client: say hello, return the answer and who sent it. */
export async function udpHelloClient(host: string, port: number): Promise<{ data: Buffer; from: dgram.RemoteInfo }> {
  const { address, family } = await lookup(host);
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  try {
    const reply = new Promise<{ data: Buffer; from: dgram.RemoteInfo }>((resolve, reject) => {
      socket.once('message', (data, from) => resolve({ data, from }));
      socket.once('error', reject);
    });
    socket.send(HELLO, port, address);
    return await reply;
  } finally {
    socket.close();
  }
}
