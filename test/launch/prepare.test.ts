// Preparing a submission that holds what it should not: the manifest read only when it is a small
// regular file inside the submission, one bounded look for special files and links out, and a copy
// that never throws on them, never follows a link out and keeps inside links inside the copy.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readlinkSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeFolder } from '../../harness/launch/cleanup.ts';
import { copySubmission, prepareSubmission } from '../../harness/launch/prepare.ts';
import { testFolder, uppercaseSpec } from '../helpers.ts';

const spec = uppercaseSpec;

const copies: string[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) removeFolder(copy);
});

/** A submission with both programs, in a folder of its own inside a parent that plays "outside". */
function submission(): { root: string; outside: string } {
  const parent = testFolder('sockgrade-prepare-test-');
  const root = path.join(parent, 'submission');
  const outside = path.join(parent, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(root, 'TCPServer.py'), 'print(1)\n');
  writeFileSync(path.join(root, 'TCPClient.py'), 'print(2)\n');
  writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
  return { root, outside };
}

const problems = (roles: Awaited<ReturnType<typeof prepareSubmission>>['roles']) => Object.values(roles).map((r) => r && 'problem' in r && r.problem);
const RULE = ': a submission may hold only files, folders and links inside it';

describe('the manifest', () => {
  // A FIFO would block readFile until a writer came: the 5 s limit is the proof it is not opened so.
  it('is not read when it is a FIFO', async () => {
    const { root } = submission();
    execFileSync('mkfifo', [path.join(root, 'sockgrade.yaml')]);
    const prepared = await prepareSubmission(spec, root);
    expect(problems(prepared.roles)).toEqual(Array(2).fill('sockgrade.yaml is a FIFO (named pipe), not a file'));
  }, 5_000);

  it('is read through a symlink only when it stays inside, to a regular file: never to /dev/zero or out', async () => {
    const { root, outside } = submission();
    symlinkSync('/dev/zero', path.join(root, 'sockgrade.yaml'));
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill('sockgrade.yaml is a symlink leading out of the submission'));
    unlinkSync(path.join(root, 'sockgrade.yaml'));
    writeFileSync(path.join(outside, 'run.yaml'), 'server: ./server\nclient: ./client\n');
    symlinkSync('../outside/run.yaml', path.join(root, 'sockgrade.yaml'));
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill('sockgrade.yaml is a symlink leading out of the submission'));
    unlinkSync(path.join(root, 'sockgrade.yaml'));
    mkdirSync(path.join(root, 'conf'));
    writeFileSync(path.join(root, 'conf', 'run.yaml'), 'server: ./server\nclient: [java, Client]\n');
    symlinkSync('conf/run.yaml', path.join(root, 'sockgrade.yaml'));
    const prepared = await prepareSubmission(spec, root);
    expect(prepared.roles.server).toEqual({ command: ['./server'], cwd: '.', interpreterIsOurs: false, source: 'sockgrade.yaml' });
    expect(prepared.roles.client).toEqual({ command: ['java', 'Client'], cwd: '.', interpreterIsOurs: false, source: 'sockgrade.yaml' });
  }, 5_000);

  it('is refused above 64 KiB, and read at 64 KiB', async () => {
    const { root } = submission();
    const head = 'server: ./server\nclient: ./client\n';
    writeFileSync(path.join(root, 'sockgrade.yaml'), head + '#'.repeat(3 << 20));
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill('sockgrade.yaml is 3 MiB; a manifest is at most 64 KiB'));
    writeFileSync(path.join(root, 'sockgrade.yaml'), head + '#'.repeat((64 << 10) - head.length));
    expect((await prepareSubmission(spec, root)).roles.server).toMatchObject({ command: ['./server'] });
  });
});

describe('special files and links in a submission', () => {
  it('names the first special file, by its escaped relative path, for every role', async () => {
    const { root } = submission();
    mkdirSync(path.join(root, 'b', 'c'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'b', 'c', 'z-pipe\x1b[31m')]);
    execFileSync('mkfifo', [path.join(root, 'b', 'c', 'y-pipe')]);
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill(`submission holds a FIFO (named pipe) at "b/c/y-pipe"${RULE}`));
    unlinkSync(path.join(root, 'b', 'c', 'y-pipe'));
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill(`submission holds a FIFO (named pipe) at "b/c/z-pipe\\x1b[31m"${RULE}`));
  });

  it('names a UNIX socket', async () => {
    const { root } = submission();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 's.sock'), resolve));
    try {
      expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill(`submission holds a UNIX socket at "s.sock"${RULE}`));
    } finally {
      server.close();
    }
  });

  it.each([
    ['relative, climbing out', '../outside/secret.txt'],
    ['relative, climbing out and back in', '../submission/TCPServer.py'],
    ['absolute', '/etc/hostname'],
    ['absolute, even to a file inside', '<root>/TCPServer.py'],
  ])('names a symlink leading out: %s', async (_what, target) => {
    const { root } = submission();
    symlinkSync(target.replace('<root>', root), path.join(root, 'link'));
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill(`submission holds a symlink leading out of the submission at "link"${RULE}`));
  });

  it('names a link that climbs out only through another link', async () => {
    const { root } = submission();
    symlinkSync('.', path.join(root, 'here'));
    symlinkSync('here/..', path.join(root, 'up'));
    expect(problems((await prepareSubmission(spec, root)).roles)).toEqual(Array(2).fill(`submission holds a symlink leading out of the submission at "up"${RULE}`));
  });

  it('grades a folder given as a symlink as the folder it leads to', async () => {
    const { root } = submission();
    const link = path.join(path.dirname(root), 'link');
    symlinkSync('submission', link);
    const prepared = await prepareSubmission(spec, link);
    expect(prepared.dir).toBe(realpathSync(root));
    expect(prepared.roles.server).toMatchObject({ source: 'TCPServer.py' });
  });
});

describe('copySubmission', () => {
  it('copies links that stay inside as they are, and never throws on special files or links out but leaves them out', async () => {
    const { root } = submission();
    // Links that stay inside (to a file, to a folder, to itself, dangling) are no problem, nor is what is never copied.
    symlinkSync('TCPServer.py', path.join(root, 'server-link.py'));
    mkdirSync(path.join(root, 'lib'));
    symlinkSync('..', path.join(root, 'lib', 'top'));
    symlinkSync('loop', path.join(root, 'loop'));
    symlinkSync('not-yet', path.join(root, 'dangling'));
    mkdirSync(path.join(root, 'node_modules'));
    execFileSync('mkfifo', [path.join(root, 'node_modules', 'pipe')]);
    const prepared = await prepareSubmission(spec, root);
    expect(prepared.roles.server).toMatchObject({ source: 'TCPServer.py' });
    expect(prepared.roles.client).toMatchObject({ source: 'TCPClient.py' });
    // What prepareSubmission refuses, the copy (made for every program run) still never throws on.
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 's.sock'), resolve));
    symlinkSync('../outside/secret.txt', path.join(root, 'out-relative'));
    symlinkSync(path.join(root, 'TCPServer.py'), path.join(root, 'out-absolute'));
    try {
      const copy = await copySubmission(root, testFolder('sockgrade-copy-test-'));
      copies.push(copy);
      for (const left of ['pipe', 's.sock', 'out-relative', 'out-absolute']) expect({ left, copied: lstatSync(path.join(copy, left), { throwIfNoEntry: false }) }).toEqual({ left, copied: undefined });
      // Relative, as handed in: the copy's links lead into the copy, never back to the submission.
      expect(readlinkSync(path.join(copy, 'server-link.py'))).toBe('TCPServer.py');
      expect(readlinkSync(path.join(copy, 'lib', 'top'))).toBe('..');
      expect(realpathSync(path.join(copy, 'lib', 'top'))).toBe(realpathSync(copy));
      expect(readlinkSync(path.join(copy, 'dangling'))).toBe('not-yet');
      expect(lstatSync(path.join(copy, 'node_modules'), { throwIfNoEntry: false })).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
