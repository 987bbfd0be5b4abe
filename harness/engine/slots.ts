// At most N things at once (--jobs): the rest wait their turn, in the order they asked.

/** Why: parallel grading bounded by the machine, not by the number of submissions. */
export class Slots {
  private free: number;
  private readonly queue: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** Why: without namespaces, a check on the handout port must run with no other check running. */
export class Gate {
  private sharing = 0;
  private exclusive = false;
  private readonly waiting: { exclusive: boolean; go: () => void }[] = [];

  private admit(): void {
    while (this.waiting.length > 0 && !this.exclusive) {
      const next = this.waiting[0];
      if (next.exclusive && this.sharing > 0) return;
      this.waiting.shift();
      if (next.exclusive) this.exclusive = true;
      else this.sharing++;
      next.go();
      if (next.exclusive) return;
    }
  }

  private async enter(exclusive: boolean): Promise<void> {
    await new Promise<void>((go) => {
      this.waiting.push({ exclusive, go });
      this.admit();
    });
  }

  /** Runs alongside other shared tasks; waits while an exclusive one runs or waits. */
  async shared<T>(task: () => Promise<T>): Promise<T> {
    await this.enter(false);
    try {
      return await task();
    } finally {
      this.sharing--;
      this.admit();
    }
  }

  /** Runs alone, once every shared task before it has finished. */
  async alone<T>(task: () => Promise<T>): Promise<T> {
    await this.enter(true);
    try {
      return await task();
    } finally {
      this.exclusive = false;
      this.admit();
    }
  }
}
