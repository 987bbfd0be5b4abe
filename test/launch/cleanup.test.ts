// removeFolder against what a program can do to its folder, as the user who grades (not root,
// whom permissions do not stop: the test drops to nobody with setpriv).
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT, testFolder } from '../helpers.ts';

const asRoot = process.getuid?.() === 0;

describe('removeFolder', () => {
  it.skipIf(!asRoot)('removes a folder a program locked with chmod 000, where a recursive rm fails', async () => {
    const parent = testFolder('sockgrade-locked-');
    chmodSync(parent, 0o777);
    const run = await execa(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', 'test/fixtures/remove-locked/remove.ts', path.join(parent, 'box')],
      { cwd: ROOT, reject: false, env: { HOME: parent, TMPDIR: parent } },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['rm: EACCES', 'removeFolder: removed']);
  });
});
