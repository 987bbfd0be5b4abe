// The harness watching a reference server it runs: every event goes to the transcript and can be
// awaited, so client checks know what the student's client sent, when, and what it was answered.
import type { Observer } from '../../reference/kit/observer.ts';
import type { Transcript } from '../engine/transcript.ts';
import { Waiters } from '../engine/waiters.ts';

/** One chunk or datagram that crossed the reference server's socket. */
export interface Message {
  data: Buffer;
  /** The client's address as `127.0.0.1:41234`. */
  peer: string;
  /** Transcript time, in milliseconds since the check started. */
  at: number;
}

/** Why: the port part of a peer address; bound-port checks compare it with an argument. */
export function portOf(peer: string): number {
  return Number(/:(\d+)$/.exec(peer)?.[1] ?? NaN);
}

export class Watched implements Observer {
  /** What clients sent to the reference server, in order. */
  readonly requests: Message[] = [];
  /** What the reference server answered, in order. */
  readonly replies: Message[] = [];
  /** Clients that connected (TCP), in order, with the time they did. */
  readonly connections: Array<{ peer: string; at: number }> = [];
  /** Connections that ended, and which side ended them. */
  readonly closes: Array<{ peer: string; by: 'server' | 'peer'; at: number }> = [];
  private readonly waiters = new Waiters();

  constructor(
    private readonly transcript: Transcript,
    private readonly name: string,
    /** How a payload is called in the transcript: `data` (TCP) or `datagram` (UDP). */
    private readonly payload = 'data',
  ) {}

  connected(from: string): void {
    this.transcript.record(`client ${from}`, this.name, 'connect');
    this.connections.push({ peer: from, at: this.transcript.now() });
    this.waiters.notify();
  }

  received(data: Buffer, from: string): void {
    this.transcript.record(`client ${from}`, this.name, this.payload, data);
    this.requests.push({ data, peer: from, at: this.transcript.now() });
    this.waiters.notify();
  }

  sent(data: Buffer, to: string): void {
    this.transcript.record(this.name, `client ${to}`, this.payload, data);
    this.replies.push({ data, peer: to, at: this.transcript.now() });
    this.waiters.notify();
  }

  closed(peer: string, by: 'server' | 'peer'): void {
    const client = `client ${peer}`;
    this.transcript.record(by === 'server' ? this.name : client, by === 'server' ? client : this.name, 'close');
    this.closes.push({ peer, by, at: this.transcript.now() });
    this.waiters.notify();
  }

  /** Everything clients sent, joined: what a byte stream carried, whatever the segments. */
  receivedBytes(): Buffer {
    return Buffer.concat(this.requests.map((m) => m.data));
  }

  /** Why: resolves when `test` holds, when `stop` settles (the client ended), or at the limit. */
  waitFor(test: () => boolean, timeoutMs: number, stop?: Promise<unknown>): Promise<boolean> {
    return this.waiters.until(test, timeoutMs, stop);
  }
}
