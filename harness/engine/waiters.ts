// The one way sockgrade waits for something a program does: woken by events, never polled,
// always bounded, so a silent or hung program costs its limit and no more.

/** Why: program output, peers and watched reference servers all wait "until this holds". */
export class Waiters {
  private readonly pending = new Set<() => void>();

  /** Call whenever the state a waiter may be testing has changed. */
  notify(): void {
    for (const wake of [...this.pending]) wake();
  }

  /** Resolves with `test()` once it holds, at the limit, or when `stop` settles (the program ended). */
  until(test: () => boolean, timeoutMs: number, stop?: Promise<unknown>): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(wake);
        resolve(test());
      };
      const wake = () => {
        if (test()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.pending.add(wake);
      // After the end, let the last output events arrive before the final test.
      stop?.then(() => setImmediate(finish));
    });
  }
}
