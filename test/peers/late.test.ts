// A reference server that answers late: each answer held 150-400 ms (from the check's random
// sequence), sent in order, with the client's stdout as read when it left; nothing after close.
import { afterEach, describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../harness/launch/output.ts';
import { LateAnswers, PAUSE_MS } from '../../harness/peers/late.ts';

let late: LateAnswers | undefined;
afterEach(() => late?.close());

/** Holds `count` answers through the hook a reference server calls; resolves with their send times, in order sent. */
function holdAnswers(answers: LateAnswers, count: number): Promise<Array<{ index: number; at: number }>> {
  const observer = answers.holding({});
  const sent: Array<{ index: number; at: number }> = [];
  return new Promise((done) => {
    for (let index = 0; index < count; index++) {
      observer.hold!(() => {
        sent.push({ index, at: performance.now() });
        if (sent.length === count) done(sent);
      });
    }
  });
}

describe('LateAnswers', () => {
  it('sends each answer after its pause, in the order they were made, noting the stdout read by then', async () => {
    const draws = [0.9, 0.1, 0.5];
    late = new LateAnswers(() => draws.shift() ?? 0);
    const output = new OutputBuffer(1024);
    late.watch(output);
    output.push(Buffer.from('typed before any answer\n'));
    const start = performance.now();
    const sent = await holdAnswers(late, 3);
    expect(sent.map((s) => s.index)).toEqual([0, 1, 2]);
    // The first is held longest (0.9 of the range); those behind it go with it, never before it.
    const first = Math.round(PAUSE_MS.min + 0.9 * (PAUSE_MS.max - PAUSE_MS.min));
    expect(sent[0].at - start).toBeGreaterThanOrEqual(first - 2);
    expect(late.sent.map((s) => s.pauseMs)).toEqual([first, 175, 275]);
    expect(late.sent.every((s) => s.printedBefore === 'typed before any answer\n'.length)).toBe(true);
  });

  it('sends nothing once closed', async () => {
    late = new LateAnswers(() => 0);
    let sent = false;
    late.holding({}).hold!(() => (sent = true));
    await late.close();
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS.min + 50));
    expect(sent).toBe(false);
    expect(late.sent).toEqual([]);
  });
});
