// Feedback that says what went wrong, not only that it did: where a server listens instead of its
// port, where a client went instead of the server, and the limits a run used.
import { describe, expect, it } from 'vitest';
import { sockgrade } from '../helpers.ts';

describe('diagnosis', () => {
  it('a server listening on a port of its own is told which, and where to read the right one', async () => {
    const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', 'submissions/tcp-uppercase/ignores-port'], { json: true });
    const ready = run.json!.submissions[0].checks[0];
    expect(ready.status === 'failed' && ready.reason).toMatch(/it is listening on 5000, was asked to listen on 12000: read the port from sys\.argv\[1\]/);
  }, 60_000);

  it('a UDP server bound to a port of its own is told the same', async () => {
    const run = await sockgrade(['grade', '--spec', 'udp-uppercase', 'submissions/udp-uppercase/ignores-port'], { json: true });
    const ready = run.json!.submissions[0].checks[0];
    expect(ready.status === 'failed' && ready.reason).toMatch(/it is listening on 5000, was asked to listen on 12000: read the port from sys\.argv\[1\]/);
  }, 60_000);

  it('a client that connects elsewhere is told its connection was refused and where the server is', async () => {
    const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', 'test/fixtures/client-wrong-port'], { json: true });
    const sends = run.json!.submissions[0].checks.find((c) => c.id === 'client-sends')!;
    expect(sends.status === 'failed' && sends.reason).toMatch(/its connection was refused: nothing listens where it connected \(the server is on 127\.0\.0\.1 port 12000/);
    // And the student's own line, not Python's socket module, in the traceback shown.
    const client = sends.programs.find((p) => p.role === 'client')!;
    expect(client.stderrTail).toMatch(/File "TCPClient\.py", line \d+, in <module>\n\s+clientSocket\.connect/);
  }, 60_000);

  it('Python 2 code is said to be Python 2, with the file and line, in every failure of a check that ran it', async () => {
    const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', 'submissions/tcp-uppercase/python2'], { json: true });
    expect(run.exitCode).toBe(1);
    const reasons = Object.fromEntries(run.json!.submissions[0].checks.map((c) => [c.id, c.status === 'failed' ? c.reason : c.status]));
    const server = /^TCPServer\.py is Python 2 code \(line 9: print statement\); sockgrade runs Python 3: the server exited with status 1/;
    const client = /^TCPClient\.py is Python 2 code \(line 9: raw_input, which Python 3 calls input\); sockgrade runs Python 3: /;
    expect(reasons).toEqual({
      'server-ready': expect.stringMatching(server),
      'client-sends': expect.stringMatching(client),
      'client-prints-reply': expect.stringMatching(client),
      'client-exits': expect.stringMatching(client),
      // These never start its programs.
      'uppercase-reply': 'not run because server-ready did not pass',
      'serves-many': 'not run because server-ready did not pass',
      'closes-connection': 'not run because server-ready did not pass',
      'end-to-end': 'not run because server-ready did not pass',
    });
    expect(run.stdout).toMatch(/TCPServer\.py is Python 2 code \(line 9: print statement\); sockgrade runs Python 3/);
  }, 60_000);
});

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
