// The CLI's errors, through the real bin: each is one `sockgrade: …` line on stderr naming what is
// wrong, with exit status 2, and never a stack trace. Also the informational commands.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, leftovers, ROOT, sockgrade } from '../helpers.ts';

const GOOD = 'submissions/tcp-uppercase/good';
const VALID = readFileSync(path.join(ROOT, 'specs/tcp-uppercase.yaml'), 'utf8');
const HAS_STACK_TRACE = /^\s+at /m;

// Fixtures, shared read-only by the tests. Paths are given relative to the CLI's working directory
// (ROOT), so "names the file" means the message shows the path exactly as it was passed.
const tmp = mkdtempSync(path.join(tmpdir(), 'sockgrade-cli-test-'));
const rel = (name: string) => path.relative(ROOT, path.join(tmp, name));
writeFileSync(path.join(tmp, 'unclosed.yaml'), VALID.replace('title: TCP', 'title: "TCP'));
writeFileSync(path.join(tmp, 'points-two.yaml'), VALID.replace('    points: 2\n  - id: closes-connection', '    points: "two"\n  - id: closes-connection'));
writeFileSync(path.join(tmp, 'points-nan.yaml'), VALID.replace('    points: 2\n  - id: closes-connection', '    points: .nan\n  - id: closes-connection'));
writeFileSync(path.join(tmp, 'unknown-key.yaml'), VALID.replace('handoutPort: 12000\n', 'handoutPort: 12000\nlimit:\n  reply: 5s\n'));
writeFileSync(path.join(tmp, 'outfile-for-uppercase.yaml'), VALID.replace('    args: ["{port}"]', '    args: ["{port}", "{outfile}"]'));
mkdirSync(path.join(tmp, 'empty'));
writeFileSync(path.join(tmp, 'x.zip'), 'PK\x03\x04');
mkdirSync(path.join(tmp, 'client-only'));
copyFileSync(path.join(ROOT, GOOD, 'TCPClient.py'), path.join(tmp, 'client-only', 'TCPClient.py'));
// A compiled file handed in under the source file's name.
mkdirSync(path.join(tmp, 'binary-server'));
copyFileSync(path.join(ROOT, GOOD, 'TCPClient.py'), path.join(tmp, 'binary-server', 'TCPClient.py'));
writeFileSync(path.join(tmp, 'binary-server', 'TCPServer.py'), Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(256)]));
mkdirSync(path.join(tmp, 'zip-only'));
writeFileSync(path.join(tmp, 'zip-only', 'submission.zip'), 'PK\x03\x04');

// Every run's private TMPDIR, removed at the end (the helper leaves them behind).
const runs: CliRun[] = [];
async function run(args: string[], options: { json?: boolean } = {}): Promise<CliRun> {
  const result = await sockgrade(args, options);
  runs.push(result);
  return result;
}

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  for (const r of runs) rmSync(r.tmp, { recursive: true, force: true });
});

describe('usage and input errors: exit 2, one line on stderr', () => {
  it.each<{ what: string; args: string[]; says: string | RegExp }>([
    { what: 'an unknown command', args: ['frobnicate'], says: 'unknown command "frobnicate" (see sockgrade --help)' },
    { what: 'grade without --spec', args: ['grade', GOOD], says: 'grade needs --spec <name|path> (see sockgrade --help)' },
    { what: 'grade without a folder', args: ['grade', '--spec', 'tcp-uppercase'], says: 'grade needs at least one submission folder (see sockgrade --help)' },
    { what: 'an unknown option', args: ['grade', '--spec', 'tcp-uppercase', '--bogus', GOOD], says: /^Unknown option '--bogus'/ },
    { what: '--seed abc', args: ['grade', '--spec', 'tcp-uppercase', '--seed', 'abc', GOOD], says: '--seed must be a whole number, got "abc" (see sockgrade --help)' },
    { what: '--seed -1', args: ['grade', '--spec', 'tcp-uppercase', '--seed', '-1', GOOD], says: /--seed/ },
    { what: 'an empty --seed', args: ['grade', '--spec', 'tcp-uppercase', '--seed=', rel('nothere')], says: '--seed must be a whole number, got "" (see sockgrade --help)' },
    {
      what: 'an unknown spec name',
      args: ['grade', '--spec', 'tcp-upper', GOOD],
      says: 'no bundled spec named "tcp-upper" (bundled: echo, echo-1000, sensor-stream, tcp-chat, tcp-hello, tcp-uppercase, udp-args, udp-hello, udp-uppercase); pass a path to use your own',
    },
    { what: 'a spec path that does not exist', args: ['grade', '--spec', rel('missing.yaml'), GOOD], says: `${rel('missing.yaml')}: cannot read spec (no such file)` },
    { what: 'a malformed spec file', args: ['grade', '--spec', rel('unclosed.yaml'), GOOD], says: `${rel('unclosed.yaml')}:3:46: invalid YAML: Missing closing "quote` },
    { what: 'an invalid spec file', args: ['grade', '--spec', rel('points-two.yaml'), GOOD], says: `${rel('points-two.yaml')}:36:13: checks[3].points must be a number` },
    { what: 'a spec with points .nan', args: ['grade', '--spec', rel('points-nan.yaml'), GOOD], says: `${rel('points-nan.yaml')}:36:13: checks[3].points must be a finite number` },
    {
      what: 'a spec with an unknown key',
      args: ['grade', '--spec', rel('unknown-key.yaml'), GOOD],
      says: new RegExp(`^${rel('unknown-key.yaml').replace(/[.\\]/g, '\\$&')}:16:1: limit is not a known key \\(expected one of: name, .*limits.*\\)$`),
    },
    { what: 'a missing submission folder', args: ['grade', '--spec', 'tcp-uppercase', rel('nothere')], says: `${rel('nothere')}: no such submission folder` },
    { what: 'an empty submission folder', args: ['grade', '--spec', 'tcp-uppercase', rel('empty')], says: `${rel('empty')}: the submission folder is empty` },
    {
      what: 'an archive passed as the folder',
      args: ['grade', '--spec', 'tcp-uppercase', rel('x.zip')],
      says: `${rel('x.zip')}: is a file, not a submission folder (unpack the archive and pass the folder)`,
    },
  ])('$what', async ({ args, says }) => {
    const { exitCode, stdout, stderr } = await run(args);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    // execa drops the final newline; allow it either way.
    expect(stderr).toMatch(/^sockgrade: [^\n]*\n?$/);
    const line = stderr.replace(/\n$/, '').slice('sockgrade: '.length);
    if (typeof says === 'string') expect(line).toBe(says);
    else expect(line).toMatch(says);
    expect(stderr).not.toMatch(HAS_STACK_TRACE);
  });
});

describe('informational commands', () => {
  it('no arguments: exit 2 and the help on stdout', async () => {
    const { exitCode, stdout, stderr } = await run([]);
    expect(exitCode).toBe(2);
    expect(stdout).toContain('Usage:');
    expect(stdout).toContain('--spec');
    // The help is the whole answer: no extra error line.
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(HAS_STACK_TRACE);
  });

  it.each([[['--help']], [['grade', '--help']]])('%j: exit 0, the help names the options and the exit statuses', async (args) => {
    const { exitCode, stdout, stderr } = await run(args);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    for (const text of ['--spec', '--junit', '--json', '--seed', 'Exit status']) expect(stdout).toContain(text);
    expect(stdout).toMatch(/^\s+0\s+every check of every submission passed$/m);
    expect(stdout).toMatch(/^\s+1\s+some check failed/m);
    expect(stdout).toMatch(/^\s+2\s+sockgrade could not do its job/m);
    expect(stdout).not.toMatch(HAS_STACK_TRACE);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const { exitCode, stdout, stderr } = await run(['--version']);
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toBe(version);
    expect(stderr).toBe('');
  });

  it('specs lists the bundled specs with their titles', async () => {
    const { exitCode, stdout, stderr } = await run(['specs']);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^tcp-uppercase\s+TCP uppercase/m);
    expect(stdout).toMatch(/^udp-uppercase\s+UDP uppercase/m);
  });
});

describe('a submission with no server program', () => {
  const SERVER_CHECKS = ['server-ready', 'server-port', 'uppercase-reply', 'serves-many', 'closes-connection', 'end-to-end'];
  const CLIENT_CHECKS = ['client-address', 'client-sends', 'client-prints-reply', 'client-exits'];
  const REASON = 'no server program found: expected TCPServer.py (any case, or the same name in another supported language)';

  it('fails every server and pair check with the reason, passes the client checks, exits 1', async () => {
    const folder = rel('client-only');
    const result = await run(['grade', '--spec', 'tcp-uppercase', '--seed', '1', folder], { json: true });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(HAS_STACK_TRACE);
    expect(leftovers(result.tmp)).toEqual([]);

    const submission = result.json?.submissions.find((s) => s.submission === folder);
    expect(submission).toBeDefined();
    const checks = submission!.checks;
    expect(checks.map((c) => c.id).sort()).toEqual([...SERVER_CHECKS, ...CLIENT_CHECKS].sort());
    for (const check of checks) {
      const expected = SERVER_CHECKS.includes(check.id) ? { id: check.id, status: 'failed', reason: REASON } : { id: check.id, status: 'passed' };
      expect(check).toMatchObject(expected);
    }
  });
});

describe('a submission that holds something else than source code', () => {
  const NO_SERVER = 'no server program found: expected TCPServer.py (any case, or the same name in another supported language)';
  const NO_CLIENT = 'no client program found: expected TCPClient.py (any case, or the same name in another supported language)';
  const ZIP_HINT = '; the folder holds submission.zip: unpack it (unzip submission.zip) and grade the unpacked folder';
  const SERVER_CHECKS = ['server-ready', 'server-port', 'uppercase-reply', 'serves-many', 'closes-connection', 'end-to-end'].sort();
  const ALL_CHECKS = [...SERVER_CHECKS, 'client-address', 'client-exits', 'client-prints-reply', 'client-sends'].sort();

  it.each([
    {
      what: 'a binary TCPServer.py: the server and pair checks fail saying so',
      folder: 'binary-server',
      failed: {
        'server-ready': 'the server program TCPServer.py is not source code (it holds binary data): submit the .py file itself',
        'server-port': 'the server program TCPServer.py is not source code (it holds binary data): submit the .py file itself',
      },
      failing: SERVER_CHECKS,
    },
    {
      what: 'only a zip file: every check fails, suggesting to unpack it',
      folder: 'zip-only',
      failed: { 'server-ready': NO_SERVER + ZIP_HINT, 'server-port': NO_SERVER + ZIP_HINT, 'client-address': NO_CLIENT + ZIP_HINT, 'client-sends': NO_CLIENT + ZIP_HINT },
      failing: ALL_CHECKS,
    },
  ])('$what, exit 1', async ({ folder, failed, failing }) => {
    const result = await run(['grade', '--spec', 'tcp-uppercase', '--seed', '1', rel(folder)], { json: true });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(HAS_STACK_TRACE);
    expect(leftovers(result.tmp)).toEqual([]);
    const checks = result.json!.submissions[0].checks;
    expect(checks.filter((c) => c.status !== 'passed').map((c) => c.id).sort()).toEqual(failing);
    for (const check of checks.filter((c) => c.status !== 'passed')) expect(check.status).toBe('failed');
    for (const [id, reason] of Object.entries(failed)) {
      expect(checks.find((c) => c.id === id)).toMatchObject({ reason });
      expect(result.stdout).toContain(reason); // the console names it too
    }
  });
});

describe('a spec whose program takes a placeholder its lab does not fill', () => {
  it("errors the checks that start that program, as sockgrade's fault, naming the placeholder", async () => {
    const result = await run(['grade', '--spec', rel('outfile-for-uppercase.yaml'), '--seed', '1', GOOD], { json: true });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toMatch(HAS_STACK_TRACE);
    const checks = result.json!.submissions[0].checks;
    const errored = checks.filter((c) => c.status === 'errored');
    expect(errored.map((c) => c.id)).toEqual(['server-ready', 'server-port', 'uppercase-reply', 'serves-many', 'closes-connection', 'end-to-end']);
    expect(errored[0]).toMatchObject({ reason: "the spec's {outfile} has no value in this check (it supplies {port}, {input})" });
    // The checks that need server-ready are not run, and that is not the student's fault either.
    expect(errored[1]).toMatchObject({ reason: 'not run because server-ready did not pass' });
    expect(checks.filter((c) => c.status === 'passed').map((c) => c.id)).toEqual(['client-address', 'client-sends', 'client-prints-reply', 'client-exits']);
    expect(leftovers(result.tmp)).toEqual([]);
  });
});
