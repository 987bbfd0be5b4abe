// The "TCP Task" chat (handout 001): the server confirms each message with its length in bytes and
// answers Exit with Disconnect; the client types lines until Exit. The harness's checks use these.
import net from 'node:net';
import { formatAddress, listenTcpOnLoopback, type Closable } from './kit/loopback.ts';
import { HeldAnswers, type Observer } from './kit/observer.ts';

export const EXIT = 'Exit';
export const DISCONNECT = 'Disconnect';
/** What the client prints before each answer, and after Disconnect (handout wording). */
export const RECEIVED = 'Received Message from Server:';
export const DISCONNECTED = 'Now you are disconnected from the server';

/** Why: the single definition of the server's answer: the message's length in bytes, or Disconnect. */
export function chatReply(message: Buffer): Buffer {
  return Buffer.from(isExit(message) ? DISCONNECT : `Your data was ${message.length} bytes`, 'utf8');
}

export function isExit(message: Buffer): boolean {
  return message.toString('utf8') === EXIT;
}

/** Why: the wording is matched tolerantly (case, spacing), the numbers exactly. */
export function normalizeWording(text: string): string {
  return text.toLowerCase().replace(/\s*:\s*/g, ': ').replace(/\s+/g, ' ').trim();
}

/** Why: the handout's server: one recv is one message; Exit closes that connection, the server listens on. */
export function startChatServer(port: number, observer: Observer = {}, log: (line: string) => void = () => {}): Promise<Closable> {
  return listenTcpOnLoopback(port, (socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    observer.connected?.(peer);
    log(`The server now is connected to: ${peer}`);
    socket.on('error', () => {});
    const held = new HeldAnswers(observer);
    socket.on('data', (message) => {
      observer.received?.(message, peer);
      log(`Received Message from Client: ${message.toString('utf8')}`);
      const reply = chatReply(message);
      held.answer(() => {
        observer.sent?.(reply, peer);
        if (!isExit(message)) return void socket.write(reply);
        socket.end(reply);
        observer.closed?.(peer, 'server');
        log('Reply sent, Server socket closed');
      });
    });
    socket.once('end', () => held.whenAnswered(() => socket.end()));
  });
}

/** Why: the reference TCPClientTask: each line sent as typed, each answer printed, Exit ends it. */
export async function chatClient(host: string, port: number, lines: AsyncIterable<string>, print: (line: string) => void): Promise<void> {
  const socket = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const answers: Buffer[] = [];
  let wake = () => {};
  socket.on('data', (data) => {
    answers.push(data);
    wake();
  });
  socket.on('end', () => wake());
  const nextAnswer = () => (answers.length > 0 || socket.readableEnded ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
  try {
    for await (const line of lines) {
      socket.write(line);
      await nextAnswer();
      const answer = answers.shift() ?? Buffer.alloc(0);
      print(`${RECEIVED} ${answer.toString('utf8')}`);
      if (line === EXIT || answer.length === 0) break;
    }
    print(DISCONNECTED);
  } finally {
    socket.end();
  }
}
