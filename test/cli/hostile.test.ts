// Submissions that fight back: each hostile sample is graded, in parallel, through the real CLI and
// must end within its limits, with the right verdict, a complete and valid report, no process or
// file left behind, and sockgrade's own memory bounded.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/engine/results.ts';
import { leftovers, notPassed, processesInside, processesMarked, sockgrade, sockgradeWithoutNamespaces, testFolder, type CliRun } from '../helpers.ts';

const SERVER_CHECKS = ['closes-connection', 'end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply'];
const EXPECTED: Record<string, string[]> = {
  'hostile-busy-loop': SERVER_CHECKS,
  'hostile-ignores-signals': [],
  'hostile-forks': [],
  'hostile-floods-stdout': [],
  'hostile-big-file': [],
  'hostile-memory': SERVER_CHECKS,
  'hostile-bytes': ['end-to-end', 'uppercase-reply'],
  // Its parent is outside its PID namespace: getppid() is 0 there, and kill(0) is its own group.
  'hostile-kills-parent': SERVER_CHECKS,
};
const SAMPLES = Object.keys(EXPECTED).map((name) => `submissions/tcp-uppercase/${name}`);

describe('hostile samples, in private namespaces', () => {
  let run: CliRun;
  let json: RunResult;
  let junit: string;
  let elapsedMs: number;

  beforeAll(async () => {
    const junitFile = path.join(testFolder('sockgrade-junit-'), 'report.xml');
    const started = performance.now();
    run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--junit', junitFile, ...SAMPLES], { json: true });
    elapsedMs = performance.now() - started;
    json = run.json!;
    junit = readFileSync(junitFile, 'utf8');
  }, 180_000);

  it('has a test for every hostile sample folder', () => {
    // Hostile samples are graded by the test files that assert what each one attacks.
    const tests = readdirSync('test/cli').map((file) => readFileSync(path.join('test/cli', file), 'utf8')).join('\n');
    const hostile = readdirSync('submissions').flatMap((lab) => readdirSync(`submissions/${lab}`).filter((n) => n.startsWith('hostile-')).map((n) => `${lab}/${n}`));
    expect(hostile.filter((sample) => !tests.includes(`submissions/${sample}`) && !tests.includes(`'${sample.split('/')[1]}'`))).toEqual([]);
  });

  it('gives each the right verdict, as the student\'s doing, never as sockgrade\'s error', () => {
    expect(run.stderr).toBe('');
    expect(json.setting.isolation).toBe('namespaces');
    for (const [sample, failures] of Object.entries(EXPECTED)) {
      expect({ sample, failures: notPassed(json, `submissions/tcp-uppercase/${sample}`) }).toEqual({ sample, failures });
    }
    expect(json.submissions.flatMap((s) => s.checks).filter((c) => c.status === 'errored')).toEqual([]);
  });

  it('ends every check within its limits plus a small margin', () => {
    const limits = json.submissions[0].limits;
    for (const check of json.submissions.flatMap((s) => s.checks)) expect(check.durationMs).toBeLessThan(limits.check);
    const busy = json.submissions.find((s) => s.submission.endsWith('hostile-busy-loop'))!.checks[0];
    expect(busy.durationMs).toBeLessThan(limits.ready + 1000);
    expect(busy.status === 'failed' && busy.reason).toMatch(/did not listen on TCP port 12000 within 5s/);
    // 80 checks, 2 at a time; the busy loop and the memory hog cost their limits once each.
    expect(elapsedMs).toBeLessThan(90_000);
  });

  it('explains the memory limit with the student\'s own traceback', () => {
    const memory = json.submissions.find((s) => s.submission.endsWith('hostile-memory'))!.checks[0];
    const server = memory.programs.find((p) => p.role === 'server')!;
    expect(server.stderrTail).toMatch(/File "TCPServer\.py", line \d+, in <module>/);
    expect(server.stderrTail).toMatch(/MemoryError/);
    expect(server.stderrTail).not.toContain(run.tmp);
  });

  it('writes a complete JUnit report that stays valid XML with NUL, ESC, invalid UTF-8 and ]]> in it', async () => {
    const parsed = await execa('python3', ['-c', 'import sys, xml.etree.ElementTree as E; r = E.fromstring(sys.stdin.buffer.read()); print(len(r.findall(".//testcase")), len(r.findall(".//failure")))'], { input: junit });
    const failures = Object.values(EXPECTED).reduce((sum, f) => sum + f.length, 0);
    expect(parsed.stdout.trim()).toBe(`${SAMPLES.length * 10} ${failures}`);
    const bytes = json.submissions.find((s) => s.submission.endsWith('hostile-bytes'))!.checks.find((c) => c.id === 'uppercase-reply')!;
    expect(bytes.status === 'failed' && bytes.actual).toMatch(/^\\x00\\x1b\[31m\\xff\\xfe\]\]>/);
  });

  it('leaves no process running and no file behind, and keeps sockgrade\'s memory bounded', () => {
    expect(processesInside(run.tmp)).toEqual([]);
    expect(processesMarked('hostile-forks-marker')).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
    for (const sample of SAMPLES) expect(readdirSync(sample).sort()).toEqual(['TCPClient.py', 'TCPServer.py']);
    // The flood writes gigabytes to stdout: what is kept is capped, in the CLI and in every worker.
    expect(json.setting.maxRssBytes).toBeLessThan(256 << 20);
  });
});

it('enforces the processes limit: with --limit processes=10 the forking server cannot start its 20 children', async () => {
  const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--limit', 'processes=10', 'submissions/tcp-uppercase/hostile-forks'], { json: true });
  const ready = run.json!.submissions[0].checks[0];
  expect(ready).toMatchObject({ id: 'server-ready', status: 'failed' });
  expect(ready.programs[0].stderrTail).toMatch(/Resource temporarily unavailable|BlockingIOError/);
  expect(run.stdout).toMatch(/each check's programs together: memory 512MiB, 10 processes, disk 256MiB/);
  expect(processesMarked('hostile-forks-marker')).toEqual([]);
  expect(leftovers(run.tmp)).toEqual([]);
}, 120_000);

// Outside a namespace (forced, inside a private network of the test's own so that the handout port
// is free): hard-coded programs pass on the handout port, and a parent killer fails, said once.
describe('without namespaces (--isolation none)', () => {
  it('grades hard-coded programs on the handout port one at a time, and fails a program that kills its parent', async () => {
    // UDP: a hard-coded TCP server's closed connections keep the handout port in TIME_WAIT for a
    // minute, so that without namespaces its second check cannot bind it (the README says so).
    const samples = ['submissions/udp-uppercase/handout-hardcoded', 'submissions/udp-uppercase/good', 'submissions/udp-uppercase/hostile-kills-parent'];
    const { stderr, json, tmp } = await sockgradeWithoutNamespaces('udp-uppercase', samples);
    expect(stderr.match(/no private network namespaces here/g)).toHaveLength(1);
    expect(json.setting.isolation).toMatch(/^none/);
    expect(notPassed(json, samples[0])).toEqual([]);
    expect(notPassed(json, samples[1])).toEqual([]);
    const hardcoded = json.submissions[0].checks.find((c) => c.id === 'uppercase-reply')!;
    expect(hardcoded.notes?.join('\n')).toMatch(/graded on the handout port 12000, one check at a time/);
    // Every check that starts the server is one where the server killed its parent: the worker.
    const killer = json.submissions[2].checks.filter((c) => c.status !== 'passed');
    expect(killer.map((c) => c.id).sort()).toEqual(['end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply']);
    expect(killer.find((c) => c.id === 'server-ready')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/must not kill its parent/) });
    expect(processesInside(tmp)).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);
  }, 180_000);
});
