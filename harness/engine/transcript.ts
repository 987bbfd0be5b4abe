import { DroppedEvents } from './dropped-events.ts';
import { escapeInline } from './escape.ts';
import type { TranscriptEvent } from './results.ts';

// A flood (tens of thousands of datagrams) must not become a transcript of tens of thousands of
// events: the beginning of the conversation (what was asked, the first answers) and its end (how it
// stopped) are what a student reads; what lies between becomes one summary event.
export const HEAD_EVENTS = 200;
export const TAIL_EVENTS = 50;
/** At most this many events are kept: the beginning, one summary, the end. */
export const MAX_EVENTS = HEAD_EVENTS + 1 + TAIL_EVENTS;

// Long payloads stay readable in a report; the byte count still tells the full size.
const MAX_SHOWN = 400;
// Escaping can make a byte four characters or more (\xff); one payload is shown in at most this many.
const MAX_SHOWN_CHARS = 600;
/** Characters of payload shown by the kept beginning, all events together; the end adds at most TAIL_EVENTS × 600. */
export const SHOWN_BUDGET = 40_000;

/** Why: a payload as a report shows it: escaped, cut to `maxChars`, its full size (`total`) said when cut. */
function shownPayload(bytes: Buffer, total: number, maxChars: number): string {
  let length = Math.min(bytes.length, MAX_SHOWN);
  let shown = escapeInline(bytes.subarray(0, length));
  // Shrinks in proportion; each pass shows fewer bytes, so it ends.
  while (shown.length > maxChars && length > 0) {
    length = Math.floor((length * maxChars) / shown.length);
    shown = escapeInline(bytes.subarray(0, length));
  }
  return length < total ? `${shown}… (${total} bytes)` : shown;
}

/** An event of the end, its payload kept raw (a copy, at most MAX_SHOWN bytes) until it is shown. */
interface Pending {
  event: TranscriptEvent;
  payload?: Buffer;
}

/** Why: students and tshark-minded instructors see who sent what, and when. */
export class Transcript {
  private readonly head: TranscriptEvent[] = [];
  private tail: Pending[] = [];
  private readonly dropped = new DroppedEvents();
  private budget = SHOWN_BUDGET;
  private readonly start = performance.now();
  private over = false;

  /** Milliseconds since the check started: the clock every event and timing verdict uses. */
  now(): number {
    return performance.now() - this.start;
  }

  /** Why: the conversation in time order: its beginning, one summary of what was dropped, its end (the last TAIL_EVENTS). */
  get events(): TranscriptEvent[] {
    this.dropOldest(this.tail.length - TAIL_EVENTS);
    const summary = this.dropped.summary();
    const end = this.tail.map(({ event, payload }) => (payload ? { ...event, data: shownPayload(payload, event.bytes!, MAX_SHOWN_CHARS) } : event));
    return [...this.head, ...(summary ? [summary] : []), ...end];
  }

  /** How many events were recorded, shown or not. */
  get recorded(): number {
    return this.head.length + this.dropped.count + this.tail.length;
  }

  /** Why: what programs do while sockgrade stops them (a close, an EOF) is not evidence; the transcript ends here. */
  end(): void {
    if (!this.over) this.record('sockgrade', 'all', 'check over: stopping the programs');
    this.over = true;
  }

  record(from: string, to: string, what: string, data?: Buffer | string): void {
    if (this.over) return;
    const event: TranscriptEvent = { at: Math.round(this.now()), from, to, what };
    const bytes = data === undefined ? undefined : typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes) event.bytes = bytes.length;
    if (this.head.length < HEAD_EVENTS) {
      if (bytes) {
        event.data = shownPayload(bytes, bytes.length, Math.max(0, Math.min(MAX_SHOWN_CHARS, this.budget)));
        this.budget -= event.data.length;
      }
      this.head.push(event);
      return;
    }
    // Copied: a slice would keep the whole chunk (up to 64 KiB) alive.
    this.tail.push({ event, payload: bytes && Buffer.from(bytes.subarray(0, MAX_SHOWN)) });
    // Halved in one go rather than shifted one by one: a flood costs O(1) per event.
    if (this.tail.length >= 2 * TAIL_EVENTS) this.dropOldest(this.tail.length - TAIL_EVENTS);
  }

  private dropOldest(n: number): void {
    if (n <= 0) return;
    for (const { event } of this.tail.slice(0, n)) this.dropped.add(event);
    this.tail = this.tail.slice(n);
  }
}
