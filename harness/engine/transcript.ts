import { escapeInline } from './escape.ts';
import type { TranscriptEvent } from './results.ts';

// Long payloads stay readable in a report; the byte count still tells the full size.
const MAX_SHOWN = 400;

/** Why: students and tshark-minded instructors see who sent what, and when. */
export class Transcript {
  readonly events: TranscriptEvent[] = [];
  private readonly start = performance.now();
  private over = false;

  /** Milliseconds since the check started: the clock every event and timing verdict uses. */
  now(): number {
    return performance.now() - this.start;
  }

  /** Why: what programs do while sockgrade stops them (a close, an EOF) is not evidence; the transcript ends here. */
  end(): void {
    if (!this.over) this.record('sockgrade', 'all', 'check over: stopping the programs');
    this.over = true;
  }

  record(from: string, to: string, what: string, data?: Buffer | string): void {
    if (this.over) return;
    const event: TranscriptEvent = { at: Math.round(this.now()), from, to, what };
    if (data !== undefined) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      const shown = escapeInline(bytes.subarray(0, MAX_SHOWN));
      event.data = bytes.length > MAX_SHOWN ? `${shown}… (${bytes.length} bytes)` : shown;
      event.bytes = bytes.length;
    }
    this.events.push(event);
  }
}
