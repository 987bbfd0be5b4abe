import { escapeInline } from './escape.ts';
import type { TranscriptEvent } from './results.ts';

// Long payloads stay readable in a report; the byte count still tells the full size.
const MAX_SHOWN = 400;

/** Why: students and tshark-minded instructors see who sent what, and when. */
export class Transcript {
  readonly events: TranscriptEvent[] = [];
  private readonly start = performance.now();

  record(from: string, to: string, what: string, data?: Buffer | string): void {
    const event: TranscriptEvent = { at: Math.round(performance.now() - this.start), from, to, what };
    if (data !== undefined) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      const shown = escapeInline(bytes.subarray(0, MAX_SHOWN));
      event.data = bytes.length > MAX_SHOWN ? `${shown}… (${bytes.length} bytes)` : shown;
      event.bytes = bytes.length;
    }
    this.events.push(event);
  }
}
