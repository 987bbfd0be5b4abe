// The sensor stream (handout 002, Task 1, without the Raspberry Pi): a client forwards temperature
// readings, one per line, as they are read; the server stores the first 100. The checks use these.
import { appendFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { formatAddress, listenTcpOnLoopback, type Closable } from './kit/loopback.ts';
import type { Observer } from './kit/observer.ts';

/** How many readings the server stores. */
export const STORED = 100;

/** Why: readings are compared as numbers: "21.5" and "21.50" are the same reading. */
export function parseReading(text: string): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : undefined;
}

/**
 * Longest line kept, in characters: a reading is a few characters, so a longer line is no reading
 * whatever its end; the rest of it is dropped (a stream without newlines must not grow a line without end).
 */
export const MAX_LINE = 1024;

/** Why: TCP is a byte stream: a reading may arrive with others in one segment, or split over two. */
export class LineFramer {
  private partial = '';

  /** The complete lines this chunk finishes, without their line ends. */
  push(chunk: Buffer | string): string[] {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = (lines.pop() ?? '').slice(0, MAX_LINE);
    return lines.map((line) => line.slice(0, MAX_LINE).replace(/\r$/, ''));
  }

  /** What is left when the stream ends: a last reading without a newline still counts. */
  end(): string[] {
    const rest = this.partial;
    this.partial = '';
    return rest.trim() === '' ? [] : [rest];
  }
}

/** Why: the handout's server: store the first STORED readings, one per line; keep receiving until the client closes. */
export function startSensorServer(port: number, observer: Observer = {}, outfile?: string): Promise<Closable> {
  if (outfile) writeFileSync(outfile, '');
  let stored = 0;
  return listenTcpOnLoopback(port, (socket) => {
    const peer = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    observer.connected?.(peer);
    const framer = new LineFramer();
    const store = (lines: string[]) => {
      for (const line of lines) {
        if (parseReading(line) === undefined || stored >= STORED) continue;
        stored++;
        if (outfile) appendFileSync(outfile, `${line.trim()}\n`);
      }
    };
    socket.on('error', () => {});
    socket.on('data', (data) => {
      observer.received?.(data, peer);
      store(framer.push(data));
    });
    // A client that resets instead of closing (unread data, a killed process) has still closed.
    socket.once('close', () => {
      if (!socket.readableEnded) observer.closed?.(peer, 'peer');
    });
    socket.once('end', () => {
      store(framer.end());
      observer.closed?.(peer, 'peer');
      socket.end();
    });
  });
}

/** Why: the reference SensorClient: each line read is sent at once; end of input closes the connection. */
export async function sensorClient(host: string, port: number, readings: AsyncIterable<string>): Promise<void> {
  const socket = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  for await (const line of readings) if (parseReading(line) !== undefined) socket.write(`${line.trim()}\n`);
  await new Promise<void>((resolve) => socket.end(resolve));
}
