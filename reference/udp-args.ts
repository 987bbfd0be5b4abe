// "UDP Using Arguments Task" (handout 001): the uppercase UDP server that logs each sender, and a
// client that binds the port and sends the message given on its command line.
import dgram from 'node:dgram';
import { bindUdpOnLoopback, formatAddress, type Closable } from './kit/loopback.ts';
import { answer, type Observer } from './kit/observer.ts';
import { uppercaseReply } from './uppercase.ts';

/** The handout's server port: its client is told only the port it binds and the message. */
export const UDP_ARGS_SERVER_PORT = 12000;

/** Why: the handout's server log for one datagram, as its screenshot shows it. */
export function senderLog(message: Buffer, address: string, port: number): string[] {
  return [`This message:  ${message.toString('utf8')}`, `is received from: ('${address}', ${port})`];
}

/** Why: the handout's server: answer in upper case, and log the message and its sender. */
export function startUdpArgsServer(port: number, observer: Observer = {}, log: (line: string) => void = () => {}): Promise<Closable> {
  return bindUdpOnLoopback(port, (message, from, socket) => {
    const peer = formatAddress(from.address, from.port);
    observer.received?.(message, peer);
    for (const line of senderLog(message, from.address, from.port)) log(line);
    const reply = uppercaseReply(message);
    answer(observer, () => {
      observer.sent?.(reply, peer);
      socket.send(reply, from.port, from.address);
    });
  });
}

/** Why: the reference UDPClient-usingarg: bind `bindPort`, send `message` to the local server, return the answer. */
export async function udpArgsClient(bindPort: number, message: string, serverPort: number): Promise<Buffer> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(bindPort, () => resolve());
    });
    const reply = new Promise<Buffer>((resolve, reject) => {
      socket.once('message', resolve);
      socket.once('error', reject);
    });
    socket.send(Buffer.from(message, 'utf8'), serverPort, '127.0.0.1');
    return await reply;
  } finally {
    socket.close();
  }
}
