// Where programs listen and connect is graded once (server-port, client-address); everything else
// follows them there, inside each check's private network. Programs aimed off this machine (a LAN
// address, a host name) are graded here only, and only with --isolation namespaces: no fallback.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/engine/results.ts';
import { BIN, leftovers, notPassed, ROOT, sockgrade, testFolder, type CliRun } from '../helpers.ts';

const REMOTE: Record<string, Record<string, string[]>> = {
  'tcp-uppercase': {
    'remote-client-lan': ['client-address', 'end-to-end'],
    'remote-client-hostname': ['client-address'],
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
    expect(leftovers(run.tmp)).toEqual([]);
  }, 240_000);
});

it('a client that names a host only its home network knows is answered by the check\'s own name server, and told so', async () => {
  const sample = 'submissions/tcp-uppercase/remote-client-hostname';
  const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--isolation', 'namespaces', sample], { json: true });
  const address = check(run, sample, 'client-address');
  expect(reason(address)).toMatch(/^the client connected to "DESKTOP-PBERADQ" \(which the check's private network answered with 127\.53\.0\.\d+\) port 12000; it was given 127\.0\.0\.1 port 12000/);
  expect(address.transcript.some((e) => /"DESKTOP-PBERADQ" looked up/.test(e.what))).toBe(true);
}, 120_000);

describe('in namespaces', () => {
  let run: CliRun;
  const samples = ['submissions/tcp-uppercase/ignores-port', 'submissions/tcp-uppercase/ports-disagree', 'submissions/tcp-uppercase/client-other-port', 'submissions/tcp-uppercase/client-never-connects', 'test/fixtures/two-ports'];
  beforeAll(async () => {
    run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--isolation', 'namespaces', ...samples], { json: true });
  }, 240_000);

  it('a server on a port of its own fails server-port, saying where, and every other check is run where it listens', () => {
    expect(notPassed(run.json!, samples[0])).toEqual(['server-port']);
    expect(reason(check(run, samples[0], 'server-port'))).toBe('the server listens on port 5000; it was given port 12000: read the port from sys.argv[1]');
    expect(check(run, samples[0], 'uppercase-reply').notes).toEqual([expect.stringMatching(/^the server listens on port 5000, not on port 12000 it was given .*only server-port fails for it$/)]);
  });

  it('end-to-end joins a pair as they are, and names their ports when they disagree', () => {
    expect(notPassed(run.json!, samples[1])).toEqual(['end-to-end', 'server-port']);
    expect(reason(check(run, samples[1], 'end-to-end'))).toBe('your client connects to 127.0.0.1 port 12000, your server listens on port 15000');
    expect(notPassed(run.json!, samples[2])).toEqual(['client-address', 'end-to-end']);
    expect(reason(check(run, samples[2], 'end-to-end'))).toBe('your client connects to 127.0.0.1 port 12001, your server listens on port 12000');
    expect(check(run, samples[2], 'client-prints-reply').notes).toEqual([expect.stringMatching(/^the client went to 127\.0\.0\.1 port 12001, not to port 12000 it was given; this check ran it again/)]);
  });

  it('a client that prints the answer without ever connecting fails end-to-end: its server never heard from it', () => {
    expect(reason(check(run, samples[3], 'end-to-end'))).toMatch(/^the client printed the expected answer but never connected to the student's server/);
    expect(reason(check(run, samples[3], 'client-address'))).toBe('the client exited with status 0 without connecting or sending anywhere; it was given 127.0.0.1 port 12000 as its arguments');
  });

  it('a server that opens a port of its own first and the given one late, serving both, gets full marks', () => {
    expect(notPassed(run.json!, samples[4])).toEqual([]);
  });
});

it('a spec with portFromArguments gives server-port and client-address another port than the handout\'s: hard-coding it fails those two only', async () => {
  const spec = path.join(testFolder('sockgrade-spec-'), 'strict.yaml');
  writeFileSync(spec, readFileSync(path.join(ROOT, 'specs/tcp-uppercase.yaml'), 'utf8').replace('handoutPort: 12000\n', 'handoutPort: 12000\nportFromArguments: true\n'));
  const run = await sockgrade(['grade', '--spec', spec, '--isolation', 'namespaces', 'submissions/tcp-uppercase/handout-hardcoded', 'submissions/tcp-uppercase/good'], { json: true });
  expect(notPassed(run.json!, 'submissions/tcp-uppercase/handout-hardcoded')).toEqual(['client-address', 'server-port']);
  expect(notPassed(run.json!, 'submissions/tcp-uppercase/good')).toEqual([]);
  expect(reason(check(run, 'submissions/tcp-uppercase/handout-hardcoded', 'server-port'))).toMatch(/^the server listens on port 12000; it was given port \d+: read the port from sys\.argv\[1\]$/);
}, 120_000);

// Forced outside a namespace, inside a network of the test's own: nothing is followed, and it is said once.
it('without namespaces addresses are not followed, and the run says so once', async () => {
  const tmp = testFolder('sockgrade-test-');
  const jsonFile = path.join(testFolder('sockgrade-json-'), 'run.json');
  const samples = ['submissions/udp-uppercase/ignores-port', 'submissions/udp-uppercase/client-other-port'];
  const args = [BIN, 'grade', '--isolation', 'none', '--spec', 'udp-uppercase', '--json', jsonFile, ...samples];
  const result = await execa('unshare', ['--user', '--map-root-user', '--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...args], {
    cwd: ROOT,
    reject: false,
    env: { TMPDIR: tmp, NO_COLOR: '1' },
    timeout: 170_000,
  });
  expect(result.stderr.match(/addresses are not followed here/g)).toHaveLength(1);
  const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunResult;
  expect(notPassed(json, samples[0])).toEqual(['end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply']);
  expect(notPassed(json, samples[1])).toEqual(['client-address', 'client-exits', 'client-prints-reply', 'client-sends', 'end-to-end']);
  expect(reason(check(json, samples[1], 'client-address'))).toMatch(/^the server received nothing from the client/);
  expect(leftovers(tmp)).toEqual([]);
}, 180_000);
