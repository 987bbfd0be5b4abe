// Where programs listen and connect is graded once (server-port, client-address); everything else
// follows them there, inside each check's private network. Programs aimed off this machine (a LAN
// address, a host name) are graded here only, and only with --isolation namespaces: no fallback.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/engine/results.ts';
import { leftovers, notPassed, ROOT, sockgrade, sockgradeWithoutNamespaces, testFolder, type CliRun } from '../helpers.ts';

const REMOTE: Record<string, Record<string, string[]>> = {
  'tcp-uppercase': {
    'remote-client-lan': ['client-address', 'end-to-end'],
    'remote-client-hostname': ['client-address'],
    'remote-client-own-name': ['client-address'],
  },
  'udp-uppercase': {
    'remote-client-lan': ['client-address'],
  },
};

const check = (run: CliRun | RunResult, sample: string, id: string) => {
  const json: RunResult = 'exitCode' in run ? run.json! : run;
  return json.submissions.find((s) => s.submission === sample)!.checks.find((c) => c.id === id)!;
};
const reason = (c: { status: string; reason?: string }) => ('reason' in c ? c.reason : undefined);

it('grades every remote-* sample folder here, in namespaces', () => {
  for (const lab of readdirSync('submissions')) {
    const remote = readdirSync(`submissions/${lab}`).filter((name) => name.startsWith('remote-'));
    expect({ lab, remote: remote.sort() }).toEqual({ lab, remote: Object.keys(REMOTE[lab] ?? {}).sort() });
  }
});

describe.concurrent.each(Object.keys(REMOTE))('%s clients aimed off this machine', (lab) => {
  it('reach the reference server in the check\'s private network and fail only where they went', async () => {
    const samples = Object.keys(REMOTE[lab]).map((s) => `submissions/${lab}/${s}`);
    const run = await sockgrade(['grade', '--spec', lab, '--isolation', 'namespaces', ...samples], { json: true });
    expect(run.stderr).toBe('');
    for (const [sample, failures] of Object.entries(REMOTE[lab])) {
      expect({ sample, failures: notPassed(run.json!, `submissions/${lab}/${sample}`) }).toEqual({ sample, failures });
    }
    const lan = check(run, `submissions/${lab}/remote-client-lan`, 'client-address');
    const port = lab === 'tcp-uppercase' ? 9000 : 12000;
    expect(reason(lan)).toBe(`the client ${lab === 'tcp-uppercase' ? 'connected' : 'sent'} to 192.168.1.20 port ${port}; it was given 127.0.0.1 port 12000 as its arguments`);
    // Its other client checks passed against the reference server started where it went.
    expect(check(run, `submissions/${lab}/remote-client-lan`, 'client-sends')).toMatchObject({ status: 'passed' });
    // A host only the student's home network knows is answered by the check's own name server, and named.
    if (lab === 'tcp-uppercase') {
      const address = check(run, 'submissions/tcp-uppercase/remote-client-hostname', 'client-address');
      expect(reason(address)).toMatch(/^the client connected to "DESKTOP-PBERADQ" \(which the check's private network answered with 127\.53\.0\.\d+\) port 12000; it was given 127\.0\.0\.1 port 12000/);
      expect(address.transcript.some((e) => /"DESKTOP-PBERADQ" looked up/.test(e.what))).toBe(true);
      // The machine's own name (socket.gethostname()) is not the host it was given either.
      expect(reason(check(run, 'submissions/tcp-uppercase/remote-client-own-name', 'client-address'))).toBe("the client connected to its machine's own name, \"sockgrade\" here (socket.gethostname(), 127.0.1.1), port 12000; it was given 127.0.0.1 port 12000 as its arguments");
    }
    expect(leftovers(run.tmp)).toEqual([]);
  }, 240_000);
});

// Where the server is graded, a note says so; the samples' other verdicts and messages: grade-samples.test.ts.
it('a server that opens a port of its own first and the given one late, serving both, gets full marks', async () => {
  const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--isolation', 'namespaces', 'test/fixtures/two-ports'], { json: true });
  expect(notPassed(run.json!, 'test/fixtures/two-ports')).toEqual([]);
}, 120_000);

// Only the checks this is about: a spec may list any of its lab's checks.
const ADDRESS_CHECKS = `checks:
  - { id: server-ready, title: the server starts, points: 1 }
  - { id: server-port, title: the server listens on the port it is given, points: 1 }
  - { id: client-address, title: the client reaches the host and port it is given, points: 1 }
  - { id: end-to-end, title: the pair works, points: 1 }
`;

it('a spec with portFromArguments gives server-port and client-address another port than the handout\'s: hard-coding it fails those two only', async () => {
  const spec = path.join(testFolder('sockgrade-spec-'), 'strict.yaml');
  const bundled = readFileSync(path.join(ROOT, 'specs/tcp-uppercase.yaml'), 'utf8');
  writeFileSync(spec, bundled.slice(0, bundled.indexOf('checks:')).replace('handoutPort: 12000\n', 'handoutPort: 12000\nportFromArguments: true\n') + ADDRESS_CHECKS);
  const run = await sockgrade(['grade', '--spec', spec, '--isolation', 'namespaces', 'submissions/tcp-uppercase/handout-hardcoded', 'submissions/tcp-uppercase/good'], { json: true });
  expect(notPassed(run.json!, 'submissions/tcp-uppercase/handout-hardcoded')).toEqual(['client-address', 'server-port']);
  expect(notPassed(run.json!, 'submissions/tcp-uppercase/good')).toEqual([]);
  expect(reason(check(run, 'submissions/tcp-uppercase/handout-hardcoded', 'server-port'))).toMatch(/^the server listens on port 12000; it was given port \d+: read the port from sys\.argv\[1\]$/);
}, 120_000);

// Forced outside a namespace, inside a network of the test's own: nothing is followed, and it is said once.
it('without namespaces addresses are not followed, and the run says so once', async () => {
  // Ports that no other program of the run uses: without namespaces a client aimed at 5000 would meet ignores-port's server.
  const samples = ['submissions/tcp-uppercase/ports-disagree', 'test/fixtures/client-wrong-port'];
  const { stderr, json, tmp } = await sockgradeWithoutNamespaces('tcp-uppercase', samples);
  expect(stderr.match(/addresses are not followed here/g)).toHaveLength(1);
  expect(notPassed(json, samples[0])).toEqual(['closes-connection', 'end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply']);
  expect(notPassed(json, samples[1])).toEqual(['client-address', 'client-exits', 'client-prints-reply', 'client-sends', 'end-to-end']);
  // Told what its socket met and where the server was, with its own line of the traceback.
  const sends = check(json, samples[1], 'client-sends');
  expect(reason(sends)).toMatch(/its connection was refused: nothing listens where it connected \(the server is on 127\.0\.0\.1 port \d+/);
  expect(sends.programs.find((p) => p.role === 'client')!.stderrTail).toMatch(/File "TCPClient\.py", line \d+, in <module>\n\s+clientSocket\.connect/);
  expect(leftovers(tmp)).toEqual([]);
}, 180_000);
