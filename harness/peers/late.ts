// A reference server that answers late (issue 11): in the checks that a client prints the server's
// answer, the reference server holds each answer back for a pause the client cannot predict, and
// records how much of the client's stdout had been read when the answer left. A client that prints
// the answer before it was sent made it up (upper-cased its own input, counted its own bytes).
import type { Observer } from '../../reference/kit/observer.ts';
import type { OutputBuffer } from '../launch/output.ts';

/** The pause, drawn per answer from the check's seeded random sequence: short, as every submission pays it. */
export const PAUSE_MS = { min: 150, max: 400 } as const;
/** Answers held (and recorded) at most: the checks read three; a flood after them goes out unpaused, in order. */
const HELD = 64;

export interface LateAnswer {
  /** How long the answer was held back, in milliseconds. */
  pauseMs: number;
  /** Bytes of the client's stdout read when the answer left; undefined if no output was watched yet. */
  printedBefore?: number;
}

interface Pending {
  due: number;
  pauseMs: number;
  send: () => void;
}

export class LateAnswers {
  /** The answers sent, in order (the first HELD). */
  readonly sent: LateAnswer[] = [];
  private readonly queue: Pending[] = [];
  private held = 0;
  private timer?: NodeJS.Timeout;
  private output?: OutputBuffer;
  private stopped = false;

  constructor(private readonly random: () => number) {}

  /** Why: the check's reference server is started through this, so its answers come late. */
  delaying<T>(start: (port: number, observer: Observer) => Promise<T>): (port: number, observer: Observer) => Promise<T> {
    return (port, observer) => start(port, this.holding(observer));
  }

  /** Why: the same observer, plus the hook through which the reference server's answers are held. */
  holding(observer: Observer): Observer {
    return {
      connected: (from) => observer.connected?.(from),
      received: (data, from) => observer.received?.(data, from),
      sent: (data, to) => observer.sent?.(data, to),
      closed: (from, by) => observer.closed?.(from, by),
      hold: (send) => this.hold(send),
    };
  }

  /** Why: whether a print came before an answer is judged on the client's stdout as read when it left. */
  watch(output: OutputBuffer): void {
    this.output = output;
    this.schedule();
  }

  /** Why: the check's end; nothing is sent after it (the reference server is closing). */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private hold(send: () => void): void {
    if (this.stopped) return;
    const pauseMs = this.held < HELD ? Math.round(PAUSE_MS.min + this.random() * (PAUSE_MS.max - PAUSE_MS.min)) : 0;
    this.held++;
    this.queue.push({ due: performance.now() + pauseMs, pauseMs, send });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.queue.length === 0) return;
    this.timer = setTimeout(
      () =>
        // After the timer, the poll phase reads what is pending (the client's stdout pipe among it)
        // before this runs: a print the client made before now is seen before the answer leaves,
        // however late a loaded machine lets the harness look.
        setImmediate(() => {
          this.timer = undefined;
          this.flush();
        }),
      Math.max(0, this.queue[0].due - performance.now()),
    );
  }

  private flush(): void {
    // Nothing leaves before the client's stdout is watched: the verdict needs what it printed by then.
    if (this.stopped || !this.output) return;
    const now = performance.now();
    const printedBefore = this.output?.bytes().length;
    // The head is due (its timer fired); those queued behind it that are due too go with it, in order.
    for (let first = true; this.queue.length > 0 && (first || this.queue[0].due <= now); first = false) {
      const { pauseMs, send } = this.queue.shift()!;
      if (this.sent.length < HELD) this.sent.push({ pauseMs, printedBefore });
      try {
        send();
      } catch {
        // A socket the client already closed: the answer is lost as it would be in the handout's server.
      }
    }
    this.schedule();
  }
}
