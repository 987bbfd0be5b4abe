// What a confined student program may touch: only its check's sandbox (and /dev/shm, /dev/null),
// nothing of the host's, not even a mount whose path has a space, nor the host's hostname or IPC.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { confinement } from '../../harness/isolate/confine.ts';
import { namespacePrefix } from '../../harness/isolate/namespaces.ts';
import { removeSandbox } from '../../harness/launch/cleanup.ts';
import { DEFAULT_LIMITS } from '../../harness/spec/types.ts';
import { testFolder } from '../helpers.ts';

// Tries each write and prints one line per path: WROTE or the error. Also leaves a SysV shared
// memory segment behind, and renames the host, if it can.
const PROBE = String.raw`
import ctypes, os, sys
def attempt(name, action):
    try:
        action()
        print('WROTE', name)
    except OSError as error:
        print('denied', name, error.strerror)
def create(file):
    with open(file, 'w') as handle:
        handle.write('escaped')
def sethostname():
    with open('/proc/sys/kernel/hostname', 'w') as handle:
        handle.write('sockgrade-escaped')
for file in sys.argv[1:]:
    attempt(file, lambda: create(file))
attempt('hostname', sethostname)
attempt('/dev/null', lambda: create('/dev/null'))
libc = ctypes.CDLL(None, use_errno=True)
print('shm', libc.shmget(0x50c6a, 4096, 0o1000 | 0o600))
`;

async function confined(sandbox: string, files: string[], outer: string[] = []) {
  const command = [...outer, ...namespacePrefix(), ...confinement(DEFAULT_LIMITS, sandbox, true), 'python3', '-c', PROBE, ...files];
  try {
    return await execa(command[0], command.slice(1), { cwd: sandbox, reject: false });
  } finally {
    removeSandbox(sandbox);
  }
}

const SHM_KEY = String(0x50c6a);
const hostHasSegment = () => readFileSync('/proc/sysvipc/shm', 'utf8').split('\n').some((line) => line.trim().split(/\s+/)[0] === SHM_KEY);

describe('a confined program', () => {
  it('writes only to its sandbox: not to /tmp, /dev or /proc/sys; its hostname and shared memory are its own', async () => {
    const sandbox = testFolder('sockgrade-sandbox-');
    const host = hostname();
    const outside = path.join(path.dirname(sandbox), `${path.basename(sandbox)}-outside`);
    const run = await confined(sandbox, [path.join(sandbox, 'mine.txt'), outside, '/dev/sockgrade-escaped']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`WROTE ${path.join(sandbox, 'mine.txt')}`);
    expect(lines).toContain(`denied ${outside} Read-only file system`);
    expect(lines).toContain('denied /dev/sockgrade-escaped Read-only file system');
    expect(lines).toContain('denied hostname Read-only file system');
    expect(lines).toContain('WROTE /dev/null');
    // The segment was made, in the check's own IPC namespace, and went with it.
    expect(lines.find((line) => line.startsWith('shm'))).toMatch(/^shm \d+$/);
    expect(hostHasSegment()).toBe(false);
    expect(hostname()).toBe(host);
  });

  it('cannot write to a mount whose path has a space (mountinfo writes it as \\040)', async () => {
    const sandbox = testFolder('sockgrade-sandbox-');
    const disk = path.join(testFolder('sockgrade-mounts-'), 'my disk');
    mkdirSync(disk);
    writeFileSync(path.join(disk, '.keep'), '');
    // A tmpfs at that path, in a mount namespace of the test's own (no root needed, nothing to undo).
    const outer = ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o nosuid,nodev tmpfs "$0" && exec "$@"', disk];
    const run = await confined(sandbox, [path.join(disk, 'file')], outer);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toContain(`denied ${path.join(disk, 'file')} Read-only file system`);
  });
});
