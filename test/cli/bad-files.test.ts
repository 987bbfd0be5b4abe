// Files no program should hand in (FIFOs, sockets, devices, links out, a manifest that is none of
// those things a manifest is) are built here at run time and graded through the real CLI: each run
// must end, every check must be the student's failure naming the file (never sockgrade's error, never
// a hang), nothing outside the submission may be opened or changed, and no folder may be left.
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, RunResult } from '../../harness/engine/results.ts';
import { type CliRun, leftovers, processesInside, ROOT, sockgrade, testFolder } from '../helpers.ts';

const GOOD = path.join(ROOT, 'submissions/tcp-uppercase/good');
const ESC = '\x1b';

/** A copy of the good sample under `parent`, so that whatever fails is the bad file alone. */
function goodCopy(parent: string, name: string): string {
  const dir = path.join(parent, name);
  cpSync(GOOD, dir, { recursive: true });
  return dir;
}

/** Every file under `dir` with its kind, size and modification time: what "unchanged" means. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((rel) => {
    const info = lstatSync(path.join(dir, rel));
    return `${rel} ${info.mode} ${info.size} ${info.mtimeMs}`;
  });
}

function checksOf(json: RunResult, submission: string): CheckResult[] {
  const found = json.submissions.find((s) => s.submission === submission);
  if (!found) throw new Error(`no result for ${submission}`);
  return found.checks;
}

/** Every check failed (the student's doing, not sockgrade's error) with the same reason. */
function expectEveryCheckFailed(json: RunResult, submission: string, reason: string | RegExp): void {
  const checks = checksOf(json, submission);
  expect(checks).toHaveLength(10);
  for (const check of checks) {
    expect({ id: check.id, status: check.status, points: check.points }).toEqual({ id: check.id, status: 'failed', points: 0 });
    const text = 'reason' in check ? check.reason : '';
    if (typeof reason === 'string') expect(text).toBe(reason);
    else expect(text).toMatch(reason);
  }
}

describe('special files and links out of a submission', () => {
  const root = testFolder('sockgrade-bad-files-');
  const outside = path.join(root, 'outside');
  const socketServer: Server = createServer();
  let connections = 0;
  let deviceMade = false;
  const submissions: Record<string, string> = {};
  let before: string[];
  let run: CliRun;
  let elapsedMs: number;

  beforeAll(async () => {
    // What lies outside the submissions: a file, and a FIFO that would hang whoever opened it.
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.txt'), 'not the student\'s\n');
    execFileSync('mkfifo', [path.join(outside, 'pipe')]);

    const at = (name: string) => (submissions[name] = goodCopy(root, name));
    execFileSync('mkfifo', [path.join(at('fifo-manifest'), 'sockgrade.yaml')]);
    symlinkSync('/dev/zero', path.join(at('zero-manifest'), 'sockgrade.yaml'));
    writeFileSync(path.join(at('big-manifest'), 'sockgrade.yaml'), `server: ./server\nclient: ./client\n${'# padding\n'.repeat(10_000)}`);
    mkdirSync(path.join(at('fifo-inside'), 'notes', 'x'), { recursive: true });
    execFileSync('mkfifo', [path.join(submissions['fifo-inside'], 'notes', 'x', `pipe${ESC}[2J`)]);
    // A UNIX socket: Node removes the file when its server closes, so it listens until the run is over.
    const socket = path.join(at('socket-inside'), 'server.sock');
    await new Promise<void>((resolve) => socketServer.listen(socket, resolve));
    socketServer.on('connection', (c) => {
      connections += 1;
      c.destroy();
    });
    symlinkSync('../outside/secret.txt', path.join(at('link-out-relative'), 'secret.txt'));
    symlinkSync(path.join(outside, 'pipe'), path.join(at('link-out-absolute'), 'data'));
    // Not a FIFO at all, only a link climbing out through another link: `up -> here/..`, `here -> .`.
    symlinkSync('.', path.join(at('link-out-through-link'), 'here'));
    symlinkSync('here/..', path.join(submissions['link-out-through-link'], 'up'));
    // A device node needs CAP_MKNOD: where there is none, that case is left out.
    try {
      execFileSync('mknod', [path.join(goodCopy(root, 'device-inside'), 'null'), 'c', '1', '3'], { stdio: 'ignore' });
      submissions['device-inside'] = path.join(root, 'device-inside');
      deviceMade = true;
    } catch {
      deviceMade = false;
    }
    before = snapshot(outside);
    const started = performance.now();
    run = await sockgrade(['grade', '--spec', 'tcp-uppercase', ...Object.values(submissions)], { json: true });
    elapsedMs = performance.now() - started;
  }, 60_000);

  afterAll(() => new Promise<void>((resolve) => socketServer.close(() => resolve())));

  it('ends quickly, with exit status 1 (the student failed) and nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    // No program runs: every check is decided before any starts.
    expect(elapsedMs).toBeLessThan(30_000);
    expect(run.json!.submissions.flatMap((s) => s.checks).filter((c) => c.status !== 'failed')).toEqual([]);
  });

  it('names a manifest that is a FIFO, a symlink to /dev/zero, or too big, in every check', () => {
    const json = run.json!;
    expectEveryCheckFailed(json, submissions['fifo-manifest'], 'sockgrade.yaml is a FIFO (named pipe), not a file');
    expectEveryCheckFailed(json, submissions['zero-manifest'], 'sockgrade.yaml is a symlink leading out of the submission');
    expectEveryCheckFailed(json, submissions['big-manifest'], /^sockgrade\.yaml is 9\d KiB; a manifest is at most 64 KiB$/);
  });

  it('names the first special file inside a submission, by its path (escaped), and what it is', () => {
    const json = run.json!;
    const rule = ': a submission may hold only files, folders and links inside it';
    expectEveryCheckFailed(json, submissions['fifo-inside'], `submission holds a FIFO (named pipe) at "notes/x/pipe\\x1b[2J"${rule}`);
    expectEveryCheckFailed(json, submissions['socket-inside'], `submission holds a UNIX socket at "server.sock"${rule}`);
    expect(connections).toBe(0);
  });

  it('names a character device', (context) => {
    if (!deviceMade) context.skip();
    expectEveryCheckFailed(run.json!, submissions['device-inside'], 'submission holds a character device at "null": a submission may hold only files, folders and links inside it');
  });

  it('names a symlink leading out, whether relative, absolute or through another link', () => {
    const json = run.json!;
    const out = (where: string) => `submission holds a symlink leading out of the submission at "${where}": a submission may hold only files, folders and links inside it`;
    expectEveryCheckFailed(json, submissions['link-out-relative'], out('secret.txt'));
    expectEveryCheckFailed(json, submissions['link-out-absolute'], out('data'));
    expectEveryCheckFailed(json, submissions['link-out-through-link'], out('up'));
  });

  it('changes nothing outside the submissions, leaves the special files as they were, and leaves nothing behind', () => {
    expect(snapshot(outside)).toEqual(before);
    expect(lstatSync(path.join(submissions['fifo-manifest'], 'sockgrade.yaml')).isFIFO()).toBe(true);
    expect(lstatSync(path.join(submissions['socket-inside'], 'server.sock')).isSocket()).toBe(true);
    expect(readFileSync(path.join(submissions['link-out-relative'], 'secret.txt'), 'utf8')).toBe('not the student\'s\n');
    expect(processesInside(run.tmp)).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
  });

  it('does not show a raw escape sequence from a file name on the console', () => {
    expect(run.stdout).toContain('"notes/x/pipe\\x1b[2J"');
    expect(run.stdout).not.toContain(ESC);
  });
});

describe('a submission folder given as a symlink, and a folder name holding escape sequences', () => {
  const root = testFolder('sockgrade-folder-names-');
  // Given relative to the CLI's working folder, as a user would: the report must name it so.
  const link = path.relative(ROOT, path.join(root, 'linked-good'));
  const escaped = path.join(root, `${ESC}[2J${ESC}[Hscore 13/13`.replace('/', '-'));
  let before: string[];
  let run: CliRun;

  beforeAll(async () => {
    // The linked folder also holds links that stay inside: they are copied as links and still work.
    const target = goodCopy(root, 'target');
    symlinkSync('TCPServer.py', path.join(target, 'server-link.py'));
    symlinkSync('.', path.join(target, 'same'));
    symlinkSync('target', path.join(root, 'linked-good'));
    cpSync(GOOD, escaped, { recursive: true });
    before = snapshot(target);
    run = await sockgrade(['grade', '--spec', 'tcp-uppercase', link, escaped], { json: true });
  }, 120_000);

  it('grades the folder a symlink leads to, with full marks, under the name given', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = run.json!.submissions.find((s) => s.submission === link)!;
    expect(result).toBeDefined();
    expect(result.points).toBe(13);
    expect(result.checks.every((c) => c.status === 'passed')).toBe(true);
    expect(run.stdout).toContain(`\n${link}\n`);
    expect(snapshot(path.join(root, 'target'))).toEqual(before);
    expect(statSync(path.join(root, 'linked-good')).isDirectory()).toBe(true);
  });

  it('grades a folder whose name holds escape sequences, shown escaped', () => {
    const result = run.json!.submissions.find((s) => s.submission === escaped)!;
    expect(result.points).toBe(13);
    expect(run.stdout).toContain('\\x1b[2J\\x1b[Hscore 13-13');
    expect(run.stdout).not.toContain(ESC);
    expect(leftovers(run.tmp)).toEqual([]);
  });

  it('escapes a path in its one-line error', async () => {
    const missing = await sockgrade(['grade', '--spec', 'tcp-uppercase', path.join(root, `gone${ESC}[2J`)]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`sockgrade: ${path.join(root, 'gone')}\\x1b[2J: no such submission folder`);
    expect(leftovers(missing.tmp)).toEqual([]);
  });
});

describe('a sensor server whose outfile is a FIFO or a symlink', () => {
  const FIFO = 'test/fixtures/outfile-fifo';
  const LINK = 'test/fixtures/outfile-symlink';
  const STORING = ['end-to-end', 'stores-first-100', 'stream-framing'];
  let run: CliRun;

  beforeAll(async () => {
    run = await sockgrade(['grade', '--spec', 'sensor-stream', FIFO, LINK], { json: true });
  }, 120_000);

  it('fails each check that reads the file, quickly, naming what the server put there', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    const json = run.json!;
    for (const [sample, reason] of [
      [FIFO, 'readings.txt is a FIFO (named pipe), not a file'],
      [LINK, 'readings.txt is a symlink: write the readings into the file itself, not through a link'],
    ]) {
      const checks = checksOf(json, sample);
      const failed = checks.filter((c) => c.status !== 'passed');
      expect(failed.map((c) => c.id).sort()).toEqual(STORING);
      for (const check of failed) {
        expect({ sample, id: check.id, status: check.status, reason: 'reason' in check && check.reason }).toEqual({ sample, id: check.id, status: 'failed', reason });
        // The worker never waits on the FIFO: well under the 30 s after which a stuck worker is killed.
        expect(check.durationMs).toBeLessThan(10_000);
      }
      // What the servers made was in their private copies: the fixtures are as they were.
      expect(readdirSync(path.join(ROOT, sample)).sort()).toEqual(['SensorClient.py', 'SensorServer.py']);
    }
    expect(processesInside(run.tmp)).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
  });
});
