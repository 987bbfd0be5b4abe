// The harness watches the reference server through these hooks; the reference programs pass none.
export interface Observer {
  connected?(from: string): void;
  received?(data: Buffer, from: string): void;
  sent?(data: Buffer, to: string): void;
  closed?(from: string, by: 'server' | 'peer'): void;
  /** Sends an answer when the harness chooses (later, to catch a client printing an answer it never read); absent: at once. */
  hold?(send: () => void): void;
}

/** Why: every reference server sends its answers through this, so the harness can hold them back. */
export function answer(observer: Observer, send: () => void): void {
  if (observer.hold) observer.hold(send);
  else send();
}

/**
 * Why: a client may half-close (shutdown(SHUT_WR)) while its answers are held back; the server's
 * side of the connection ends only once they are sent, as a blocking handout server's would.
 */
export class HeldAnswers {
  private count = 0;
  private ending?: () => void;

  constructor(private readonly observer: Observer) {}

  answer(send: () => void): void {
    this.count++;
    answer(this.observer, () => {
      this.count--;
      send();
      if (this.count === 0) this.ending?.();
    });
  }

  /** Runs `end` now, or once every answer held is sent. */
  whenAnswered(end: () => void): void {
    if (this.count === 0) end();
    else this.ending = end;
  }
}
