// The one bounded wait: woken by notify, false at its limit, settled early when `stop` settles.
import { describe, expect, it } from 'vitest';
import { Waiters } from '../../harness/engine/waiters.ts';

describe('Waiters', () => {
  it('resolves true at once when the test already holds', async () => {
    expect(await new Waiters().until(() => true, 10_000)).toBe(true);
  });

  it('resolves every concurrent waiter whose test holds after a notify', async () => {
    const waiters = new Waiters();
    let count = 0;
    const first = waiters.until(() => count >= 1, 10_000);
    const second = waiters.until(() => count >= 2, 10_000);
    count = 1;
    waiters.notify();
    expect(await first).toBe(true);
    count = 2;
    waiters.notify();
    expect(await second).toBe(true);
  });

  it('resolves false at its limit when nothing happens', async () => {
    const began = performance.now();
    expect(await new Waiters().until(() => false, 50)).toBe(false);
    expect(performance.now() - began).toBeGreaterThanOrEqual(45);
  });

  it('settles when `stop` settles, long before its limit', async () => {
    const waiters = new Waiters();
    let end!: () => void;
    const stop = new Promise<void>((resolve) => (end = resolve));
    const waiting = waiters.until(() => false, 60_000, stop);
    end();
    expect(await waiting).toBe(false);
  });
});
