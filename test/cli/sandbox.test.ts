// What a submission cannot do, shown with submissions that try (issue 10): forge its grade through
// sockgrade's worker, copy a solution, read the grader's secrets, reach the host's devices, sockets
// or files, or turn sockgrade's cleanup against the host. Graded through the real CLI in private
// namespaces; each assertion is evidence from outside (files, modes, processes, reports).
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/engine/results.ts';
import { BIN, cgroupsLeftBy, leftovers, notPassed, processesMarked, ROOT, sockgrade, testFolder, type CliRun } from '../helpers.ts';

const ALL_CHECKS = ['client-address', 'client-exits', 'client-prints-reply', 'client-sends', 'closes-connection', 'end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply'];
const SECRET = `sockgrade-test-secret-${process.pid}`;
const asRoot = process.getuid?.() === 0;

// The host folder the swapping daemon aims its links at: a tree of files with known modes.
function makeCanary(): string {
  const canary = testFolder('sockgrade-canary-');
  for (let i = 0; i < 10; i++) {
    mkdirSync(path.join(canary, `folder-${i}`));
    writeFileSync(path.join(canary, `folder-${i}`, 'file'), `canary ${i}`);
  }
  return canary;
}

function snapshot(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => path.join(entry.parentPath, entry.name));
  return [dir, ...entries].map((file) => `${path.relative(dir, file)} ${statSync(file).mode.toString(8)} ${statSync(file).uid}`).sort();
}

// A correct server that first starts the link-swapping daemon (test/fixtures/swap-daemon).
function swapSubmission(canary: string): string {
  const dir = path.join(testFolder('sockgrade-swap-'), 'hostile-swap');
  cpSync(path.join(ROOT, 'submissions/tcp-uppercase/good'), dir, { recursive: true });
  cpSync(path.join(ROOT, 'test/fixtures/swap-daemon/daemon.py'), path.join(dir, 'daemon.py'));
  writeFileSync(path.join(dir, 'target.txt'), canary);
  const server = readFileSync(path.join(dir, 'TCPServer.py'), 'utf8');
  writeFileSync(path.join(dir, 'TCPServer.py'), `import subprocess, sys\nsubprocess.run([sys.executable, 'daemon.py', 'swap-daemon-marker'])\n${server}`);
  return dir;
}

// A correct server that, while a later program's copy is being made (end-to-end starts the client
// after the server), moves that copy away and puts a link to the canary in its place: a worker that
// followed it would copy and chown into the host folder as root (found in review).
const SWAP_COPY = String.raw`
import os, threading, time
target = open('target.txt').read().strip()
mine = os.path.basename(os.getcwd())
def swap():
    end = time.time() + 10
    while time.time() < end:
        for name in os.listdir('/sandbox'):
            if name.startswith('copy-') and name != mine:
                try:
                    os.rename('/sandbox/' + name, '/sandbox/moved-' + name)
                    os.symlink(target, '/sandbox/' + name)
                    print('swapped ' + name, flush=True)
                except OSError as error:
                    print('swap denied: ' + os.strerror(error.errno), flush=True)
                return
threading.Thread(target=swap, daemon=True).start()
`;

function swapCopySubmission(canary: string): string {
  const dir = path.join(testFolder('sockgrade-swap-copy-'), 'hostile-swap-copy');
  cpSync(path.join(ROOT, 'submissions/tcp-uppercase/good'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'target.txt'), canary);
  // Files to plant in the host folder, and enough of them that the copy takes a moment.
  for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, `pad-${i}.txt`), 'planted');
  const server = readFileSync(path.join(dir, 'TCPServer.py'), 'utf8');
  writeFileSync(path.join(dir, 'TCPServer.py'), `${SWAP_COPY}\n${server}`);
  return dir;
}

// A correct sensor server that first moves its own folder away and links a host folder holding a
// secret readings.txt in its place: a check that read through it would put the secret in the report.
function swapFolderSubmission(target: string): string {
  const dir = path.join(testFolder('sockgrade-swap-folder-'), 'hostile-swap-folder');
  cpSync(path.join(ROOT, 'submissions/sensor-stream/good'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'target.txt'), target);
  const server = readFileSync(path.join(dir, 'SensorServer.py'), 'utf8');
  const swap = String.raw`
import os
here = os.getcwd()
try:
    os.rename(here, os.path.join(os.path.dirname(here), 'moved'))
    os.symlink(open(os.path.join(os.path.dirname(here), 'moved', 'target.txt')).read().strip(), here)
    print('swapped its folder', flush=True)
except OSError as error:
    print('swap denied: ' + os.strerror(error.errno), flush=True)
`;
  writeFileSync(path.join(dir, 'SensorServer.py'), `${swap}\n${server}`);
  return dir;
}

// The server's "escape: {...}" line, as the check's report shows it.
function escapeReport(json: RunResult, submission: string): Record<string, unknown> {
  const server = json.submissions.find((s) => s.submission === submission)!.checks[0].programs.find((p) => p.role === 'server')!;
  const line = server.stdoutTail.split('\n').find((l) => l.startsWith('escape: '));
  return JSON.parse(line!.slice('escape: '.length));
}

// What every confined program must find, whoever runs sockgrade.
function expectContained(found: Record<string, unknown>): void {
  expect(found.root).toEqual(expect.arrayContaining(['bin', 'dev', 'etc', 'proc', 'sandbox', 'tmp', 'usr']));
  for (const name of ['home', 'work', 'var', 'run', 'sys', 'mnt', 'opt', 'srv']) expect(found.root).not.toContain(name);
  expect(found.dev).toEqual(['fd', 'null', 'random', 'stderr', 'stdin', 'stdout', 'urandom', 'zero']);
  expect(found.tmp).toEqual([]);
  expect(found.env).toEqual(['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'TMPDIR']);
  expect(found.pid1).toBe('sleep infinity');
  expect(found.fds).toEqual([]);
  expect(found.inspector).toBe('denied: ConnectionRefusedError');
  expect(found.unix).toEqual([]);
  expect(found.mount).toMatch(/^denied/);
  expect(found.userns).toMatch(/^denied/);
  for (const [key, value] of Object.entries(found)) {
    if (key.startsWith('write ') || key.startsWith('open ')) expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^denied/) });
    if (key.startsWith('list ') && key !== 'list /root') expect({ key, value }).toEqual({ key, value: 'denied: FileNotFoundError' });
  }
}

describe('a hostile submission, in private namespaces', () => {
  let run: CliRun;
  let junit: string;
  let canary: string;
  let before: string[];
  let swap: string;
  let swapCopy: string;

  beforeAll(async () => {
    canary = makeCanary();
    before = snapshot(canary);
    swap = swapSubmission(canary);
    swapCopy = swapCopySubmission(canary);
    const junitFile = path.join(testFolder('sockgrade-junit-'), 'report.xml');
    const samples = ['submissions/tcp-uppercase/hostile-escape', 'submissions/tcp-uppercase/hostile-forges', swap, swapCopy, 'submissions/tcp-uppercase/good'];
    // Eight checks at once: a student graded beside another must not reach the other's sandbox.
    // The grader's secrets: in its environment, and in a file sockgrade inherits open as descriptor 5.
    const secretFile = path.join(testFolder('sockgrade-secret-'), 'secret.txt');
    writeFileSync(secretFile, SECRET, { mode: 0o600 });
    run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--isolation', 'namespaces', '--jobs', '8', '--junit', junitFile, ...samples], { json: true, env: { SOCKGRADE_TEST_SECRET: SECRET }, fd5: secretFile });
    junit = readFileSync(junitFile, 'utf8');
  }, 240_000);

  it('is graded on what it did: escaping passes nothing, copying finds nothing', () => {
    expect(run.stderr).toBe('');
    const json = run.json!;
    expect(notPassed(json, 'submissions/tcp-uppercase/hostile-escape')).toEqual([]);
    expect(notPassed(json, 'submissions/tcp-uppercase/hostile-forges')).toEqual(ALL_CHECKS);
    expect(json.submissions.find((s) => s.submission === 'submissions/tcp-uppercase/hostile-forges')!.points).toBe(0);
    const forges = json.submissions.find((s) => s.submission === 'submissions/tcp-uppercase/hostile-forges')!.checks.flatMap((c) => c.programs);
    expect(forges.length).toBeGreaterThan(0);
    for (const program of forges) expect(program.stdoutTail).toBe('found nothing to copy');
    expect(notPassed(json, swap)).toEqual([]);
    expect(notPassed(json, swapCopy)).toEqual([]);
    expect(json.submissions.flatMap((s) => s.checks).filter((c) => c.status === 'errored')).toEqual([]);
  });

  it('sees only its sandbox, the system programs, four devices and its own processes, as an unprivileged user', () => {
    const found = escapeReport(run.json!, 'submissions/tcp-uppercase/hostile-escape');
    expectContained(found);
    // As root, the programs are another user (nobody on the host): they cannot signal the world's holder.
    expect(found.uid).toBe(asRoot ? 1000 : 0);
    if (asRoot) expect(found.signalled).toEqual([]);
    // A System V segment it made was in the check's own IPC namespace, gone with it.
    expect(found.shm).toBe('made');
    const segments = readFileSync('/proc/sysvipc/shm', 'utf8').split('\n').map((line) => line.trim().split(/\s+/)[0]);
    expect(segments).not.toContain(String(0x50c6a));
  });

  it('never sees the grader\'s environment or descriptors, so no report holds a secret of it', () => {
    expect(JSON.stringify(run.json)).not.toContain(SECRET);
    expect(junit).not.toContain(SECRET);
    expect(run.stdout).not.toContain(SECRET);
  });

  it('cannot turn the cleanup or the copying against the host: links swapped in change nothing outside', () => {
    expect(snapshot(canary)).toEqual(before);
    const swapper = run.json!.submissions.find((s) => s.submission === swapCopy)!.checks.find((c) => c.id === 'end-to-end')!.programs.find((p) => p.role === 'server')!;
    expect(swapper.stdoutTail).toMatch(/swap denied: Read-only file system/);
    expect(processesMarked('swap-daemon-marker')).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
    expect(cgroupsLeftBy(run.pid)).toEqual([]);
  });
});

describe('a sensor server that swaps its folder for a link to the host', () => {
  it('is graded on its own file: the swap is refused and no host file reaches the report', async () => {
    const target = testFolder('sockgrade-target-');
    writeFileSync(path.join(target, 'readings.txt'), `${SECRET}\n21.5\n`);
    const dir = swapFolderSubmission(target);
    const run = await sockgrade(['grade', '--spec', 'sensor-stream', '--isolation', 'namespaces', dir], { json: true });
    expect(run.stderr).toBe('');
    expect(notPassed(run.json!, dir)).toEqual([]);
    expect(JSON.stringify(run.json)).not.toContain(SECRET);
    const server = run.json!.submissions[0].checks[0].programs.find((p) => p.role === 'server')!;
    expect(server.stdoutTail).toMatch(/swap denied: (Read-only file system|Device or resource busy)/);
    expect(leftovers(run.tmp)).toEqual([]);
  }, 120_000);
});

describe('the environment a program gets', () => {
  it('is sockgrade\'s few variables, plus what the spec and the manifest name, and nothing of the grader\'s', async () => {
    const dir = path.join(testFolder('sockgrade-env-'), 'with-manifest');
    cpSync(path.join(ROOT, 'submissions/tcp-uppercase/good'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'sockgrade.yaml'), 'server: python3 TCPServer.py\nclient: python3 TCPClient.py\nenv:\n  GREETING: from-manifest\n');
    const server = readFileSync(path.join(dir, 'TCPServer.py'), 'utf8');
    writeFileSync(path.join(dir, 'TCPServer.py'), `import os, json\nprint('env: ' + json.dumps(dict(os.environ), sort_keys=True), flush=True)\n${server}`);
    const spec = path.join(testFolder('sockgrade-env-spec-'), 'tcp-uppercase.yaml');
    writeFileSync(spec, readFileSync(path.join(ROOT, 'specs/tcp-uppercase.yaml'), 'utf8').replace('    args: ["{port}"]\n', '    args: ["{port}"]\n    env: { COURSE: net101 }\n'));
    const run = await sockgrade(['grade', '--spec', spec, '--isolation', 'namespaces', dir], { json: true, env: { SOCKGRADE_TEST_SECRET: SECRET } });
    expect(run.exitCode).toBe(0);
    const printed = run.json!.submissions[0].checks[0].programs.find((p) => p.role === 'server')!.stdoutTail.split('\n').find((l) => l.startsWith('env: '))!;
    expect(JSON.parse(printed.slice(5))).toEqual({
      COURSE: 'net101',
      GREETING: 'from-manifest',
      HOME: '/tmp',
      LANG: 'C.UTF-8',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      TMPDIR: '/tmp',
    });
  }, 120_000);
});

describe('a hostile submission graded by an ordinary user', () => {
  it('is contained the same way, without privilege: the programs are that user, with no capability', async () => {
    const tmp = testFolder('sockgrade-test-');
    const json = path.join(testFolder('sockgrade-json-'), 'run.json');
    // As root, an ordinary user is played by a user namespace of the test's own (no capability on the host).
    const asUser = asRoot ? ['unshare', '--user', '--map-user=1000', '--map-group=1000'] : [];
    const command = [...asUser, process.execPath, BIN, 'grade', '--spec', 'tcp-uppercase', '--isolation', 'namespaces', '--json', json, 'submissions/tcp-uppercase/hostile-escape'];
    const result = await execa(command[0], command.slice(1), { cwd: ROOT, reject: false, env: { TMPDIR: tmp, NO_COLOR: '1', SOCKGRADE_TEST_SECRET: SECRET } });
    expect(String(result.stderr)).toMatch(/^sockgrade: no cgroups for the checks here \(.*\); memory and processes are bounded per program/);
    expect(result.exitCode).toBe(0);
    const report: RunResult = JSON.parse(readFileSync(json, 'utf8'));
    const found = escapeReport(report, 'submissions/tcp-uppercase/hostile-escape');
    expectContained(found);
    expect(found.uid).toBe(0);
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(leftovers(tmp)).toEqual([]);
  }, 120_000);
});
