// removeFolder against what a program can do to its folder: lock it (chmod 000), or swap its
// folders for links to the host while it is removed. Run as an ordinary user, whom permissions stop:
// as root the test plays one with a user namespace of its own (no capability on the host), so it
// needs nothing of where the checkout lies or who may read it.
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { removeFolder } from '../../harness/launch/cleanup.ts';
import { ROOT, testFolder } from '../helpers.ts';

const asUser = process.getuid?.() === 0 ? ['unshare', '--user', '--map-user=1000', '--map-group=1000'] : [];

describe('removeFolder', () => {
  it('removes a folder a program locked with chmod 000, where a recursive rm fails', async () => {
    const parent = testFolder('sockgrade-locked-');
    const command = [...asUser, process.execPath, '--import', 'tsx', 'test/fixtures/remove-locked/remove.ts', path.join(parent, 'box')];
    const run = await execa(command[0], command.slice(1), { cwd: ROOT, reject: false });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['rm: EACCES', 'removeFolder: removed']);
  });

  it('removes a tree deeper than PATH_MAX', async () => {
    const box = path.join(testFolder('sockgrade-deep-'), 'box');
    // 300 levels of 50 letters: 15 KB of path, built relative to each level.
    await execa('python3', ['-c', DEEP, box]);
    removeFolder(box);
    expect(readdirSync(path.dirname(box))).toEqual([]);
  });

  it('follows no link a program swaps in while the tree is removed, and takes no mode bit away through one', async () => {
    const canary = testFolder('sockgrade-canary-');
    for (let i = 0; i < 10; i++) writeFileSync(path.join(canary, `file-${i}`), 'canary');
    chmodSync(canary, 0o755);
    const box = path.join(testFolder('sockgrade-swap-'), 'box');
    const command = [...asUser, process.execPath, '--import', 'tsx', 'test/fixtures/remove-locked/remove-swapped.ts', box, canary];
    const run = await execa(command[0], command.slice(1), { cwd: ROOT, reject: false });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('removeFolder: removed');
    expect(readdirSync(canary).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `file-${i}`).sort());
    expect(statSync(canary).mode & 0o777).toBe(0o755);
  });
});

const DEEP = String.raw`
import os, sys
os.mkdir(sys.argv[1])
folder = os.open(sys.argv[1], os.O_RDONLY)
for level in range(300):
    os.mkdir('d' * 50, dir_fd=folder)
    folder = os.open('d' * 50, os.O_RDONLY, dir_fd=folder)
os.close(os.open('leaf', os.O_WRONLY | os.O_CREAT, dir_fd=folder))
`;
