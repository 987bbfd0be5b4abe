// The echo labs (handouts 000 and 002): the echo server, the client that says hello once, and the
// client that does it a thousand times. The harness's checks import the same definitions.
import net from 'node:net';
import { formatAddress, listenTcpOnLoopback, type Closable } from './kit/loopback.ts';
import { HeldAnswers, type Observer } from './kit/observer.ts';

/** What the handouts' clients send. */
export const GREETING = 'Hello, world';
/** How many round trips the sending client of handout 002 makes. */
export const ROUNDS = 1000;

/** Why: the single definition of a correct answer: the bytes received, unchanged. */
export function echoReply(request: Buffer): Buffer {
  return Buffer.from(request);
}

/** Why: the echo server of the handouts: every chunk goes straight back; it closes after the client does. */
export function startEchoServer(port: number, observer: Observer = {}): Promise<Closable> {
  return listenTcpOnLoopback(port, (socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    observer.connected?.(peer);
    socket.on('error', () => {});
    const held = new HeldAnswers(observer);
    socket.on('data', (data) => {
      observer.received?.(data, peer);
      const reply = echoReply(data);
      // A client that sends without reading must not grow the server's memory: stop reading until
      // the echo is out (held back by the harness, then written), as the handout's blocking sendall()
      // does. A client that reads never waits here.
      socket.pause();
      held.answer(() => {
        observer.sent?.(reply, peer);
        if (socket.write(reply)) socket.resume();
        else socket.once('drain', () => socket.resume());
      });
    });
    // A client that resets instead of closing (unread data, a killed process) has still closed.
    socket.once('close', () => {
      if (!socket.readableEnded) observer.closed?.(peer, 'peer');
    });
    socket.once('end', () => {
      observer.closed?.(peer, 'peer');
      held.whenAnswered(() => socket.end());
    });
  });
}

/** Why: a connection whose reads are awaited one "enough" at a time, like a blocking recv loop. */
function connectReader(host: string, port: number): Promise<{ socket: net.Socket; readAtLeast(n: number): Promise<Buffer> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffered = Buffer.alloc(0);
    let wanted: { n: number; done: (data: Buffer) => void; fail: (error: Error) => void } | undefined;
    const settle = () => {
      if (wanted && buffered.length >= wanted.n) {
        const data = buffered.subarray(0, wanted.n);
        buffered = buffered.subarray(wanted.n);
        const { done } = wanted;
        wanted = undefined;
        done(data);
      }
    };
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      settle();
    });
    socket.on('end', () => wanted?.fail(new Error('the server closed the connection')));
    socket.once('error', (error) => (wanted ? wanted.fail(error) : reject(error)));
    socket.once('connect', () =>
      resolve({
        socket,
        readAtLeast: (n) =>
          new Promise((done, fail) => {
            wanted = { n, done, fail };
            settle();
          }),
      }),
    );
  });
}

/** Why: the reference EchoClient: send the greeting once, return what came back, close. */
export async function echoClient(host: string, port: number, message = GREETING): Promise<Buffer> {
  const { socket, readAtLeast } = await connectReader(host, port);
  try {
    socket.write(message);
    return await readAtLeast(Buffer.byteLength(message));
  } finally {
    socket.end();
  }
}

/** Why: the reference RepeatClient: `rounds` times send, wait for the echo, hand it on; then close. */
export async function repeatClient(host: string, port: number, onEcho: (echo: Buffer) => void, rounds = ROUNDS): Promise<void> {
  const { socket, readAtLeast } = await connectReader(host, port);
  try {
    for (let i = 0; i < rounds; i++) {
      socket.write(GREETING);
      onEcho(await readAtLeast(Buffer.byteLength(GREETING)));
    }
  } finally {
    socket.end();
  }
}
