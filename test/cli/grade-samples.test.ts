// Every sample submission, graded through the real CLI: the correct ones, the handouts' own programs
// with their hard-coded ports, and the reference score full marks; each broken one fails exactly
// the checks its defect breaks.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leftovers, notPassed, sockgrade } from '../helpers.ts';

const EXPECTED: Record<string, Record<string, string[]>> = {
  'udp-uppercase': {
    good: [],
    handout: [],
    'handout-hardcoded': [],
    lowercase: ['end-to-end', 'uppercase-reply'],
    'one-client': ['serves-many'],
    prefixed: ['uppercase-reply'],
    'ignores-port': ['server-port'],
    'client-ignores-stdin': ['client-sends', 'end-to-end'],
    'client-never-exits': ['client-exits'],
    'client-other-port': ['client-address', 'end-to-end'],
    'client-fakes-reply': ['client-prints-reply'],
  },
  'tcp-uppercase': {
    good: [],
    handout: [],
    'handout-hardcoded': [],
    threaded: [],
    lowercase: ['end-to-end', 'uppercase-reply'],
    'one-client': ['serves-many'],
    prefixed: ['uppercase-reply'],
    'keeps-buffer': ['serves-many'],
    'never-closes': ['closes-connection'],
    'ignores-port': ['server-port'],
    'ports-disagree': ['end-to-end', 'server-port'],
    'client-other-port': ['client-address', 'end-to-end'],
    'client-never-connects': ['client-address', 'client-exits', 'client-prints-reply', 'client-sends', 'end-to-end'],
    'client-ignores-stdin': ['client-sends', 'end-to-end'],
    'client-never-exits': ['client-exits'],
    // Python 2 code: its server never starts (a print statement), its client dies at raw_input.
    python2: ['client-exits', 'client-prints-reply', 'client-sends', 'closes-connection', 'end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply'],
    'client-fakes-reply': ['client-prints-reply'],
  },
  echo: {
    good: [],
    handout: [],
    'handout-hardcoded': [],
    upper: ['echo', 'end-to-end'],
    'echo-once': ['echo-until-close'],
    truncates: ['echo-large'],
    'never-closes': ['echo-until-close'],
    'client-lowercase': ['client-sends', 'end-to-end'],
    'client-no-print': ['client-prints-reply', 'end-to-end'],
    'client-never-exits': ['client-exits'],
  },
  'echo-1000': {
    good: [],
    handout: [],
    'handout-hardcoded': [],
    pipelined: ['round-trips-1000'],
    'off-by-one': ['round-trips-1000'],
    'never-closes': ['client-closes'],
    'no-print': ['round-trips-1000'],
    newline: ['round-trips-1000'],
  },
  'udp-args': {
    good: [],
    handout: [],
    'server-no-log': ['server-logs-sender'],
    'server-lowercase': ['end-to-end', 'uppercase-reply'],
    'client-random-port': ['bound-port'],
    'client-first-word': ['end-to-end', 'message-from-arg'],
    'client-never-exits': ['client-exits'],
    // Joins argv[2:] into its message: run with the handout's two arguments, that is the message.
    'client-joins-args': [],
  },
  'tcp-chat': {
    good: [],
    handout: [],
    'counts-chars': ['length-reply'],
    'exits-after-exit': ['keeps-listening'],
    'no-disconnect': ['end-to-end', 'exit-disconnect'],
    'wrong-wording': ['end-to-end', 'length-reply'],
    'one-message': ['end-to-end', 'many-messages'],
    'client-no-goodbye': ['client-exit', 'end-to-end'],
    'client-ignores-replies': ['client-prints-replies', 'end-to-end'],
    'client-newline': ['client-sends-lines', 'end-to-end'],
    'client-prints-bytes': [],
    'client-fakes-replies': ['client-prints-replies'],
  },
  'tcp-hello': {
    good: [],
    handout: [],
    'handout-hardcoded': [],
    'server-waits': ['greets'],
    'server-silent': ['prints-received'],
    'client-wrong-text': ['client-sends'],
    'client-no-print': ['client-prints-reply'],
  },
  'udp-hello': {
    good: [],
    handout: [],
    'handout-hardcoded': [],
    'server-echoes': ['replies-hello'],
    'server-silent': ['prints-received'],
    'client-wrong-text': ['client-sends'],
    'client-no-sender': ['client-prints-reply'],
    'client-port-from-argv': ['client-prints-reply'],
  },
  'sensor-stream': {
    good: [],
    'fixed-name': [],
    'stale-file': [],
    'stores-all': ['end-to-end', 'stores-first-100'],
    'no-carry': ['stream-framing'],
    'batch-client': ['client-realtime'],
    rounds: ['client-forwards', 'end-to-end'],
  },
};

it('every bundled spec has samples', () => {
  expect(readdirSync('submissions').sort()).toEqual(Object.keys(EXPECTED).sort());
});

// Labs grade concurrently: the runs mostly wait on sockets and time limits, not on the CPU.
describe.concurrent.each(Object.keys(EXPECTED))('%s samples', (lab) => {
  const samples = EXPECTED[lab];

  it('has an expectation for every sample folder', () => {
    // hostile-* samples are graded by hostile.test.ts, which asserts more than their verdicts;
    // remote-* ones (aimed off this machine) by addresses.test.ts, in namespaces only.
    const folders = readdirSync(`submissions/${lab}`).filter((name) => !name.startsWith('hostile-') && !name.startsWith('remote-'));
    expect(folders.sort()).toEqual(Object.keys(samples).sort());
  });

  it('grades each sample to exactly its expected failures, and the reference to full marks', async () => {
    const folders = [...Object.keys(samples).map((s) => `submissions/${lab}/${s}`), 'reference'];
    const run = await sockgrade(['grade', '--spec', lab, ...folders], { json: true });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    for (const [sample, failures] of Object.entries(samples)) {
      expect({ sample, failures: notPassed(run.json!, `submissions/${lab}/${sample}`) }).toEqual({ sample, failures });
    }
    const reference = run.json!.submissions.find((s) => s.submission === 'reference')!;
    expect(reference.points).toBe(reference.maxPoints);
    // Broken samples fail as the student's fault, never as sockgrade's.
    const statuses = new Set(run.json!.submissions.flatMap((s) => s.checks.map((c) => c.status)));
    expect(statuses.has('errored')).toBe(false);
    expect(leftovers(run.tmp)).toEqual([]);
  }, 240_000);

  it('exits 0 for a correct submission alone', async () => {
    const run = await sockgrade(['grade', '--spec', lab, `submissions/${lab}/good`]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/all checks passed/);
  }, 120_000);
});

it('a sensor server that ignores its file argument is graded on the one file it wrote, and told so', async () => {
  const run = await sockgrade(['grade', '--spec', 'sensor-stream', 'submissions/sensor-stream/fixed-name'], { json: true });
  expect(run.exitCode).toBe(0);
  const checks = run.json!.submissions[0].checks;
  const noted = checks.filter((c) => c.notes?.some((n) => n.includes('graded temperatures.txt'))).map((c) => c.id);
  expect(noted).toEqual(['stores-first-100', 'stream-framing', 'end-to-end']);
  expect(run.stdout).toMatch(/note: the server did not write readings\.txt \(its second argument\); graded temperatures\.txt/);
}, 120_000);

it('a sensor server that counts recv() calls, not readings, fails stores-first-100 every time', async () => {
  // Not a sample: its end-to-end verdict depends on how the student's own client's sends happen to merge.
  const run = await sockgrade(['grade', '--spec', 'sensor-stream', 'test/fixtures/counts-recvs'], { json: true });
  const check = run.json!.submissions[0].checks.find((c) => c.id === 'stores-first-100')!;
  expect(check).toMatchObject({ status: 'failed', expected: expect.stringMatching(/^100 readings/) });
  // How many more than 100 depends on how the segments merged (more under load): any is too many.
  const stored = Number(/^(\d+) readings/.exec(check.status === 'failed' ? check.actual ?? '' : '')?.[1]);
  expect(stored).toBeGreaterThan(100);
}, 120_000);
