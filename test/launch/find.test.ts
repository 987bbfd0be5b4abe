// Finding a role's file in a submission folder, the sockgrade.yaml manifest, and private copies.
//
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeFolder } from '../../harness/launch/cleanup.ts';
import { findRoleFile } from '../../harness/launch/find.ts';
import { checkSubmissionFolder, copySubmission, prepareSubmission, SubmissionError } from '../../harness/launch/prepare.ts';
import { uppercaseSpec } from '../helpers.ts';

let root: string;
const copies: string[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sockgrade-find-test-'));
});

afterEach(() => {
  for (const copy of copies.splice(0)) removeFolder(copy);
  rmSync(root, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under the test folder; `mode` for executables. */
function make(files: Record<string, string | Buffer>, mode = 0o644): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content, { mode });
  }
}

const find = () => findRoleFile(root, 'server', 'TCPServer.py');
const NOTHING = 'no server program found: expected TCPServer.py (any case, or the same name in another supported language)';

const spec = uppercaseSpec;

describe('findRoleFile', () => {
  it('matches the expected name in any case', async () => {
    make({ 'tcpserver.PY': 'print(1)\n' });
    expect(await find()).toEqual({ file: 'tcpserver.PY' });
  });

  it('finds a file nested in sub-folders', async () => {
    make({ 'lab2/src/server/TCPServer.py': 'print(1)\n', 'lab2/README.md': 'hi\n' });
    expect(await find()).toEqual({ file: path.join('lab2', 'src', 'server', 'TCPServer.py') });
  });

  it('accepts the same name in another supported language', async () => {
    make({ 'TCPServer.js': 'console.log(1)\n' });
    expect(await find()).toEqual({ file: 'TCPServer.js' });
  });

  it('accepts an executable without extension', async () => {
    make({ TCPServer: '#!/bin/sh\necho hi\n' }, 0o755);
    expect(await find()).toEqual({ file: 'TCPServer' });
  });

  it('does not accept a non-executable file without extension', async () => {
    make({ TCPServer: 'just some notes\n' }, 0o644);
    expect(await find()).toEqual({ problem: NOTHING });
  });

  it('does not accept the same name with an unsupported extension', async () => {
    make({ 'TCPServer.txt': 'notes\n', 'TCPServer.java': 'class A {}\n' });
    expect(await find()).toEqual({ problem: NOTHING });
  });

  it('names both candidates when there are two', async () => {
    make({ 'a/tcpserver.js': 'console.log(1)\n', 'TCPServer.ts': 'console.log(1)\n' });
    const found = await find();
    expect('problem' in found && found.problem).toBe(
      `more than one server program found (TCPServer.ts, ${path.join('a', 'tcpserver.js')}): keep one, or name it in a sockgrade.yaml manifest`,
    );
  });

  it('names both when the exact name appears in two folders', async () => {
    make({ 'a/TCPServer.py': 'print(1)\n', 'b/tcpserver.py': 'print(2)\n' });
    const found = await find();
    expect('problem' in found && found.problem).toMatch(/^more than one server program found/);
    expect('problem' in found && found.problem).toContain(path.join('a', 'TCPServer.py'));
    expect('problem' in found && found.problem).toContain(path.join('b', 'tcpserver.py'));
  });

  it('prefers the exact name over the same name in another language', async () => {
    make({ 'TCPServer.py': 'print(1)\n', 'TCPServer.ts': 'console.log(1)\n' });
    expect(await find()).toEqual({ file: 'TCPServer.py' });
  });

  it('reports an empty file', async () => {
    make({ 'TCPServer.py': '' });
    expect(await find()).toEqual({ problem: 'the server program TCPServer.py is empty' });
  });

  it.each<[string, Buffer]>([
    ['NUL bytes in its first 8 KiB', Buffer.concat([Buffer.from('import socket\n'.repeat(500)), Buffer.from([0, 1, 2])])],
    ['an ELF program', Buffer.from('\x7fELF\x02\x01\x01\x00\x00\x00', 'latin1')],
    ['a zip archive', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1')],
    ['a PNG image', Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1')],
    ['a JPEG image without NUL in its start', Buffer.from('\xff\xd8\xff\xe1Exif', 'latin1')],
  ])('reports a TCPServer.py that holds %s', async (_what, content) => {
    make({ 'lab/TCPServer.py': content });
    expect(await find()).toEqual({
      problem: `the server program ${path.join('lab', 'TCPServer.py')} is not source code (it holds binary data): submit the .py file itself`,
    });
  });

  it('accepts source with a NUL byte only after its first 8 KiB, and non-ASCII source', async () => {
    make({ 'TCPServer.py': Buffer.concat([Buffer.from('# é ü 😀\n'.repeat(1000)), Buffer.from([0])]) });
    expect(await find()).toEqual({ file: 'TCPServer.py' });
  });

  it('reports a binary file under another supported extension, naming that extension', async () => {
    make({ 'TCPServer.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0]) });
    expect(await find()).toEqual({ problem: 'the server program TCPServer.js is not source code (it holds binary data): submit the .js file itself' });
  });

  it('accepts an executable compiled program without extension', async () => {
    make({ TCPServer: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(64)]) }, 0o755);
    expect(await find()).toEqual({ file: 'TCPServer' });
  });

  it('names archives in the folder when no program is found, with the command to unpack each', async () => {
    make({ 'submission.zip': 'PK\x03\x04', 'notes.txt': 'hi\n' });
    expect(await find()).toEqual({ problem: `${NOTHING}; the folder holds submission.zip: unpack it (unzip submission.zip) and grade the unpacked folder` });
    make({ 'lab/Lab2.TAR.GZ': 'x', 'old.7z': 'x' });
    expect(await find()).toEqual({
      problem: `${NOTHING}; the folder holds ${path.join('lab', 'Lab2.TAR.GZ')}, old.7z, submission.zip: unpack them (tar xf ${path.join('lab', 'Lab2.TAR.GZ')}; 7z x old.7z; unzip submission.zip) and grade the unpacked folder`,
    });
  });

  it('does not mention an archive when the program is there too', async () => {
    make({ 'submission.zip': 'PK\x03\x04', 'TCPServer.py': 'print(1)\n' });
    expect(await find()).toEqual({ file: 'TCPServer.py' });
  });

  it('skips node_modules and .git folders', async () => {
    make({ 'node_modules/pkg/TCPServer.py': 'print(1)\n', '.git/TCPServer.py': 'print(1)\n' });
    expect(await find()).toEqual({ problem: NOTHING });
    make({ 'TCPServer.py': 'print(1)\n' });
    expect(await find()).toEqual({ file: 'TCPServer.py' });
  });

  // Opening a FIFO waits for a writer: it is never a candidate, so never opened (the limit proves it).
  it('never takes a FIFO or a symlink for the program', async () => {
    mkdirSync(path.join(root, 'a'));
    execFileSync('mkfifo', [path.join(root, 'a', 'TCPServer.py')]);
    symlinkSync('/dev/zero', path.join(root, 'tcpserver.js'));
    expect(await find()).toEqual({ problem: NOTHING });
    make({ 'b/TCPServer.py': 'print(1)\n' });
    expect(await find()).toEqual({ file: path.join('b', 'TCPServer.py') });
  }, 5_000);

  it('escapes the names it reports, so that none moves a terminal\'s cursor', async () => {
    make({ 'a\x1b[2J/TCPServer.py': 'print(1)\n', 'b/tcpserver.py': 'print(2)\n', 'c\x1b[H/TCPClient.py': '' });
    const found = await find();
    expect('problem' in found && found.problem).toBe(
      `more than one server program found (a\\x1b[2J/TCPServer.py, b/tcpserver.py): keep one, or name it in a sockgrade.yaml manifest`,
    );
    expect(await findRoleFile(root, 'client', 'TCPClient.py')).toEqual({ problem: 'the client program c\\x1b[H/TCPClient.py is empty' });
  });

  it('reports nothing found in an unrelated folder', async () => {
    make({ 'Server.py': 'print(1)\n', 'TCPClient.py': 'print(1)\n' });
    expect(await find()).toEqual({ problem: NOTHING });
  });
});

describe('prepareSubmission', () => {
  it('takes the commands from a sockgrade.yaml manifest, run from the folder itself', async () => {
    make({ 'sockgrade.yaml': 'server: ./server --verbose\nclient: [java, Client]\n', 'TCPServer.py': 'print(1)\n' });
    const submission = await prepareSubmission(spec, root);
    expect(submission.dir).toBe(path.resolve(root));
    expect(submission.roles.server).toEqual({ command: ['./server', '--verbose'], cwd: '.', interpreterIsOurs: false, source: 'sockgrade.yaml' });
    expect(submission.roles.client).toEqual({ command: ['java', 'Client'], cwd: '.', interpreterIsOurs: false, source: 'sockgrade.yaml' });
  });

  it('gives a problem for a role the manifest leaves out', async () => {
    make({ 'sockgrade.yaml': 'server: ./server\n' });
    const submission = await prepareSubmission(spec, root);
    expect(submission.roles.server).toMatchObject({ command: ['./server'] });
    expect(submission.roles.client).toEqual({ problem: 'sockgrade.yaml has no command for the client (e.g. "client: ./client")' });
  });

  it('without a manifest, finds each role and runs it from its own folder', async () => {
    make({ 'lab/TCPServer.py': 'print(1)\n' });
    const submission = await prepareSubmission(spec, root);
    expect(submission.roles.server).toMatchObject({ cwd: 'lab', source: path.join('lab', 'TCPServer.py'), interpreterIsOurs: true });
    expect((submission.roles.server as { command: string[] }).command.at(-1)).toBe('TCPServer.py');
    expect(submission.roles.client).toEqual({ problem: expect.stringMatching(/^no client program found: expected TCPClient\.py/) });
  });
});

describe('checkSubmissionFolder', () => {
  it('accepts a folder with files and rejects a missing, empty or archive path', async () => {
    make({ 'TCPServer.py': 'print(1)\n' });
    await expect(checkSubmissionFolder(root)).resolves.toBeUndefined();
    await expect(checkSubmissionFolder(path.join(root, 'missing'))).rejects.toThrow(/no such submission folder/);
    mkdirSync(path.join(root, 'empty'));
    await expect(checkSubmissionFolder(path.join(root, 'empty'))).rejects.toThrow(/the submission folder is empty/);
    make({ 'work.zip': 'PK' });
    const zip = checkSubmissionFolder(path.join(root, 'work.zip'));
    await expect(zip).rejects.toBeInstanceOf(SubmissionError);
    await expect(zip).rejects.toThrow(/is a file, not a submission folder \(unpack the archive and pass the folder\)/);
  });
});

describe('copySubmission and removeFolder', () => {
  it('copies the files into a new temp folder without .git and node_modules, and removes it', async () => {
    make({ 'TCPServer.py': 'print(1)\n', 'lib/util.py': 'X = 1\n', '.git/HEAD': 'ref\n', 'node_modules/pkg/index.js': '1\n' });
    const copy = await copySubmission(root);
    copies.push(copy);
    expect(path.dirname(copy)).toBe(tmpdir());
    expect(copy).not.toBe(root);
    expect(readFileSync(path.join(copy, 'TCPServer.py'), 'utf8')).toBe('print(1)\n');
    expect(readFileSync(path.join(copy, 'lib/util.py'), 'utf8')).toBe('X = 1\n');
    expect(existsSync(path.join(copy, '.git'))).toBe(false);
    expect(existsSync(path.join(copy, 'node_modules'))).toBe(false);
    removeFolder(copy);
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(path.join(root, 'TCPServer.py'))).toBe(true);
  });
});

describe('loading the module in-process', () => {
  // Fails while harness/launch/runner.ts calls import.meta.resolve at load time (see the top of this file).
  it('find.ts can be imported by the test runner', async () => {
    const find = await import('../../harness/launch/find.ts');
    expect(typeof find.findRoleFile).toBe('function');
  });
});
