// Feedback that says what went wrong, not only that it did: the limits a run used. Where a server
// listens, where a client went and Python 2 code are asserted with the samples that show them
// (grade-samples.test.ts REASONS, addresses.test.ts).
import { describe, expect, it } from 'vitest';
import { sockgrade } from '../helpers.ts';

describe('limits of a run', () => {
  it('--timeout-scale 2 doubles every wait, and the report and the console show the limits used', async () => {
    const run = await sockgrade(['grade', '--spec', 'udp-hello', '--timeout-scale', '2', '--limit', 'memory=1GiB', 'submissions/udp-hello/good'], { json: true });
    expect(run.exitCode).toBe(0);
    expect(run.json!.submissions[0].limits).toMatchObject({ ready: 10_000, reply: 4000, exit: 6000, check: 30_000, memory: 1 << 30 });
    expect(run.stdout).toMatch(/limits: ready 10s, reply 4s, exit 6s, check 30s, .*memory 1GiB/);
  }, 60_000);

  it.each([
    [['--timeout-scale', '0'], /--timeout-scale must be a positive number/],
    [['--limit', 'speed=9'], /--limit speed=9: unknown limit "speed"/],
    [['--limit', 'memory=lots'], /--limit memory=lots: "lots" is not a valid memory \(e\.g\. 512MiB\)/],
    [['--jobs', '0'], /--jobs must be a whole number of at least 1/],
    [['--isolation', 'docker'], /--isolation must be auto, namespaces or none/],
  ])('%j is a one-line error and exit 2', async (args, message) => {
    const run = await sockgrade(['grade', '--spec', 'udp-hello', ...args, 'submissions/udp-hello/good']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
