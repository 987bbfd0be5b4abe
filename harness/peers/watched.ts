// The harness watching a reference server it runs: every event goes to the transcript and can be
// awaited, so client checks know what the student's client sent, when, and what it was answered.
// What is kept is bounded (a client may flood the server): the first messages, counted all.
import type { Observer } from '../../reference/kit/observer.ts';
import type { Transcript } from '../engine/transcript.ts';
import { Waiters } from '../engine/waiters.ts';
import { KeptList, type KeepLimits, type Totals } from './kept.ts';

/** One chunk or datagram that crossed the reference server's socket. */
export interface Message {
  /** What was received, cut to KEPT.messageBytes. */
  data: Buffer;
  /** Its full size. */
  bytes: number;
  /** The client's address as `127.0.0.1:41234`. */
  peer: string;
  /** Transcript time, in milliseconds since the check started. */
  at: number;
}

/**
 * What is kept each way. The checks read the first message (uppercase, hello, udp-args), the first
 * four (chat), the first 150 readings (sensor: 150 tiny segments) or 1000 rounds of 12 bytes
 * (echo-1000): 4096 messages and 256 KiB hold all of that with room; a legitimate message is at
 * most about 1 KB (a sensor client sending all its readings at once), so one longer than 8 KiB is
 * wrong whatever its end, and only its beginning is kept. A flood past these limits is counted in
 * `requestTotals`/`replyTotals`; the verdict it gets is the one its first 4096 messages give.
 */
export const KEPT: KeepLimits = { messages: 4096, bytes: 256 * 1024, messageBytes: 8 * 1024 };
/** Connections and closes kept: the checks read the first one. */
export const KEPT_CONNECTIONS = 256;

/** Why: the port part of a peer address; bound-port checks compare it with an argument. */
export function portOf(peer: string): number {
  return Number(/:(\d+)$/.exec(peer)?.[1] ?? NaN);
}

export class Watched implements Observer {
  private readonly requestList = new KeptList<Message>(KEPT);
  private readonly replyList = new KeptList<Message>(KEPT);
  /** What clients sent to the reference server, in order (the first ones: see KEPT). */
  readonly requests: Message[] = this.requestList.kept;
  /** What the reference server answered, in order (the first ones: see KEPT). */
  readonly replies: Message[] = this.replyList.kept;
  /** Clients that connected (TCP), in order, with the time they did (the first KEPT_CONNECTIONS). */
  readonly connections: Array<{ peer: string; at: number }> = [];
  /** Connections that ended, and which side ended them (the first KEPT_CONNECTIONS). */
  readonly closes: Array<{ peer: string; by: 'server' | 'peer'; at: number }> = [];
  private readonly waiters = new Waiters();
  private joined = { count: 0, bytes: Buffer.alloc(0) };

  constructor(
    private readonly transcript: Transcript,
    private readonly name: string,
    /** How a payload is called in the transcript: `data` (TCP) or `datagram` (UDP). */
    private readonly payload = 'data',
  ) {}

  /** Everything clients sent, kept or not. */
  get requestTotals(): Totals {
    return this.requestList.totals;
  }

  /** Everything the reference server answered, kept or not. */
  get replyTotals(): Totals {
    return this.replyList.totals;
  }

  connected(from: string): void {
    this.transcript.record(`client ${from}`, this.name, 'connect');
    if (this.connections.length < KEPT_CONNECTIONS) this.connections.push({ peer: from, at: this.transcript.now() });
    this.waiters.notify();
  }

  received(data: Buffer, from: string): void {
    this.transcript.record(`client ${from}`, this.name, this.payload, data);
    this.requestList.add(data, (kept) => ({ data: kept, bytes: data.length, peer: from, at: this.transcript.now() }));
    this.waiters.notify();
  }

  sent(data: Buffer, to: string): void {
    this.transcript.record(this.name, `client ${to}`, this.payload, data);
    this.replyList.add(data, (kept) => ({ data: kept, bytes: data.length, peer: to, at: this.transcript.now() }));
    this.waiters.notify();
  }

  closed(peer: string, by: 'server' | 'peer'): void {
    const client = `client ${peer}`;
    this.transcript.record(by === 'server' ? this.name : client, by === 'server' ? client : this.name, 'close');
    if (this.closes.length < KEPT_CONNECTIONS) this.closes.push({ peer, by, at: this.transcript.now() });
    this.waiters.notify();
  }

  /** Everything clients sent that was kept, joined: what a byte stream carried, whatever the segments. */
  receivedBytes(): Buffer {
    // Waiters call this on every message: joined again only when a message was kept since.
    if (this.joined.count !== this.requests.length) this.joined = { count: this.requests.length, bytes: Buffer.concat(this.requests.map((m) => m.data)) };
    return this.joined.bytes;
  }

  /** Why: resolves when `test` holds, when `stop` settles (the client ended), or at the limit. */
  waitFor(test: () => boolean, timeoutMs: number, stop?: Promise<unknown>): Promise<boolean> {
    return this.waiters.until(test, timeoutMs, stop);
  }
}
