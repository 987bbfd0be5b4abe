// The harness's end of a TCP conversation: every byte is recorded, every wait has a limit.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatAddress } from '../../reference/kit/loopback.ts';
import type { Transcript } from '../engine/transcript.ts';
import { Waiters } from '../engine/waiters.ts';
import { tcpQueues } from './procnet.ts';

/**
 * Unread bytes kept: the longest answer a check reads is echo-large's 64 KiB; half again shows that
 * more came. Past it a server flooding the harness is read and dropped (counted in `dropped`), so
 * the stream and its end are still seen.
 */
export const UNREAD_KEPT_BYTES = 96 * 1024;

export interface ReadResult {
  data: Buffer;
  /** The other side closed its end (FIN) or reset. */
  ended: boolean;
}

/** Why: checks read "until N bytes, end of stream, or the limit", never a blocking recv. */
export class TcpPeer {
  private received = Buffer.alloc(0);
  private droppedBytes = 0;
  private ended = false;
  private readonly waiters = new Waiters();

  private constructor(
    private readonly socket: net.Socket,
    private readonly transcript: Transcript,
    readonly name: string,
    readonly remote: string,
  ) {
    socket.on('data', (chunk) => {
      transcript.record(remote, name, 'data', chunk);
      const room = UNREAD_KEPT_BYTES - this.received.length;
      this.droppedBytes += Math.max(0, chunk.length - room);
      if (room > 0) this.received = Buffer.concat([this.received, chunk.subarray(0, room)]);
      this.waiters.notify();
    });
    const end = (what: string) => {
      if (this.ended) return;
      this.ended = true;
      transcript.record(remote, name, what);
      this.waiters.notify();
    };
    socket.on('end', () => end('close (end of stream)'));
    socket.on('error', (error: NodeJS.ErrnoException) => end(`connection error ${error.code ?? error.message}`));
    socket.on('close', () => end('close'));
  }

  /** Why: connects once; a refusal is reported to the caller, who knows what it means. */
  static connect(host: string, port: number, transcript: Transcript, name: string, timeoutMs: number): Promise<TcpPeer> {
    const remote = `server ${formatAddress(host, port)}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connection to ${formatAddress(host, port)} not accepted within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        // Each send() leaves at once as its own segment, as a student's sendall() would.
        socket.setNoDelay(true);
        socket.removeAllListeners('error');
        transcript.record(name, remote, `connect from port ${socket.localPort}`);
        resolve(new TcpPeer(socket, transcript, name, remote));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new Error(`connection to ${formatAddress(host, port)} failed (${error.code ?? error.message})`));
      });
    });
  }

  /** Bytes received but not kept: more than UNREAD_KEPT_BYTES were waiting unread. */
  get dropped(): number {
    return this.droppedBytes;
  }

  /** The other side has closed (or reset) the connection. */
  get hasEnded(): boolean {
    return this.ended;
  }

  get localPort(): number {
    return this.socket.localPort ?? 0;
  }

  send(data: Buffer | string): void {
    this.transcript.record(this.name, this.remote, 'data', data);
    this.socket.write(data);
  }

  /** Why: closes our sending side only (FIN), so the program sees end of stream and may still answer. */
  end(): void {
    this.transcript.record(this.name, this.remote, 'close (end of stream)');
    this.socket.end();
  }

  /**
   * Why: two sends must reach the program as two reads (a reading split across segments): true once
   * the program has read everything sent so far. Polls /proc; false off Linux or at the limit.
   */
  async waitUntilRead(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    const serverPort = this.socket.remotePort ?? 0;
    for (;;) {
      // Ours flushed and acknowledged, so it is in the program's queue or read; theirs empty, so read.
      const queues = this.socket.writableLength === 0 ? await tcpQueues(this.localPort, serverPort) : undefined;
      if (queues && queues.a.unacked === 0 && queues.b.unread === 0) return true;
      if (queues === null || performance.now() >= deadline) return false;
      await sleep(5);
    }
  }

  /** Why: takes what arrived so far, waiting until `enough` holds, the stream ends, or the limit. */
  async read(enough: (data: Buffer) => boolean, timeoutMs: number): Promise<ReadResult> {
    await this.waiters.until(() => this.ended || enough(this.received), timeoutMs);
    const data = this.received;
    this.received = Buffer.alloc(0);
    return { data, ended: this.ended };
  }

  /** Why: "the server closed the connection" is a verdict; true when end of stream came in time. */
  async waitForEnd(timeoutMs: number): Promise<boolean> {
    return this.waiters.until(() => this.ended, timeoutMs);
  }

  close(): void {
    if (!this.socket.destroyed) {
      this.transcript.record(this.name, this.remote, 'close');
      this.socket.destroy();
    }
  }
}
