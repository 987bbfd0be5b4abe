// Captured output of one program stream: bounded, and watchable while the program runs.
import { escapeBlock } from '../engine/escape.ts';
import { Waiters } from '../engine/waiters.ts';

const TAIL_LINES = 15;
const TAIL_BYTES = 2048;

/** Why: a program that floods its output must neither fill memory nor block on a full pipe. */
export class OutputBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;
  private tailBytes = Buffer.alloc(0);
  private readonly waiters = new Waiters();

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.tailBytes = Buffer.concat([this.tailBytes, chunk]).subarray(-TAIL_BYTES);
    if (this.kept >= this.cap) return;
    const part = chunk.subarray(0, this.cap - this.kept);
    this.chunks.push(part);
    this.kept += part.length;
    this.waiters.notify();
  }

  /** The kept bytes (the first `cap` bytes of the stream). */
  bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  text(): string {
    return this.bytes().toString('utf8');
  }

  /** Why: reports show the end of the output, where the error usually is. */
  tail(): string {
    if (this.total === 0) return '';
    const lines = escapeBlock(this.tailBytes).split('\n');
    if (lines.at(-1) === '') lines.pop();
    const shown = lines.slice(-TAIL_LINES).join('\n');
    const dropped = this.total > this.tailBytes.length || lines.length > TAIL_LINES;
    return dropped ? `… (${this.total} bytes in all)\n${shown}` : shown;
  }

  /** Why: checks wait for output without polling; resolves true once `test` holds. */
  waitFor(test: (text: string) => boolean, timeoutMs: number, stop: Promise<unknown>): Promise<boolean> {
    return this.waiters.until(() => test(this.text()), timeoutMs, stop);
  }
}
