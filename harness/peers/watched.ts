// The harness watching a reference server it runs: every event goes to the transcript and can be
// awaited, so client checks know what the student's client sent and what it was answered.
import type { Observer } from '../../reference/kit/observer.ts';
import type { Transcript } from '../engine/transcript.ts';
import { Waiters } from '../engine/waiters.ts';

export class Watched implements Observer {
  /** What clients sent to the reference server, in order. */
  readonly requests: Buffer[] = [];
  /** What the reference server answered, in order. */
  readonly replies: Buffer[] = [];
  private readonly waiters = new Waiters();

  constructor(
    private readonly transcript: Transcript,
    private readonly name: string,
  ) {}

  connected(from: string): void {
    this.transcript.record(`client ${from}`, this.name, 'connect');
  }

  received(data: Buffer, from: string): void {
    this.transcript.record(`client ${from}`, this.name, 'data', data);
    this.requests.push(data);
    this.waiters.notify();
  }

  sent(data: Buffer, to: string): void {
    this.transcript.record(this.name, `client ${to}`, 'data', data);
    this.replies.push(data);
    this.waiters.notify();
  }

  closed(peer: string, by: 'server' | 'peer'): void {
    const client = `client ${peer}`;
    this.transcript.record(by === 'server' ? this.name : client, by === 'server' ? client : this.name, 'close');
  }

  /** Why: resolves when `test` holds, when `stop` settles (the client ended), or at the limit. */
  waitFor(test: () => boolean, timeoutMs: number, stop: Promise<unknown>): Promise<boolean> {
    return this.waiters.until(test, timeoutMs, stop);
  }
}
