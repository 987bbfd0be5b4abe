// --jobs and the handout port's lane: how many checks run at once, and which run alone.
import { describe, expect, it } from 'vitest';
import { Gate, Slots } from '../../harness/engine/slots.ts';

/** A task that runs until released, recording how many tasks were running when it started. */
function controllable(log: { running: number; peak: number; order: string[] }, name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.running++;
    log.peak = Math.max(log.peak, log.running);
    log.order.push(`start ${name}`);
    await released;
    log.running--;
    log.order.push(`end ${name}`);
    return name;
  };
  return { task, release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most N tasks at once, the others in the order they asked', async () => {
    const log = { running: 0, peak: 0, order: [] as string[] };
    const slots = new Slots(2);
    const tasks = ['a', 'b', 'c', 'd'].map((name) => controllable(log, name));
    const results = tasks.map((t) => slots.use(t.task));
    await settle();
    expect(log.order).toEqual(['start a', 'start b']);
    tasks[1].release();
    await settle();
    expect(log.order).toEqual(['start a', 'start b', 'end b', 'start c']);
    for (const t of tasks) t.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.peak).toBe(2);
  });

  it('frees the slot when a task throws', async () => {
    const slots = new Slots(1);
    await expect(slots.use(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await slots.use(async () => 'next')).toBe('next');
  });
});

describe('Gate', () => {
  it('a task alone waits for the shared ones before it, and the shared ones after it wait for it', async () => {
    const log = { running: 0, peak: 0, order: [] as string[] };
    const gate = new Gate();
    const [s1, s2, lone, s3] = ['s1', 's2', 'alone', 's3'].map((name) => controllable(log, name));
    const done = [gate.shared(s1.task), gate.shared(s2.task), gate.alone(lone.task), gate.shared(s3.task)];
    await settle();
    expect(log.order).toEqual(['start s1', 'start s2']);
    s1.release();
    s2.release();
    await settle();
    expect(log.order.slice(-1)).toEqual(['start alone']);
    expect(log.running).toBe(1);
    lone.release();
    await settle();
    expect(log.order.slice(-2)).toEqual(['end alone', 'start s3']);
    s3.release();
    await Promise.all(done);
  });
});
