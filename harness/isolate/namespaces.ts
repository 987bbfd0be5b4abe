// Whether checks can run in private network namespaces here, asked once per run by trying it:
// with the run's own limits, the whole way down to a confined `true`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../spec/types.ts';
import { removeSandbox } from '../launch/cleanup.ts';
import { confinement } from './confine.ts';

const ENTER_SH = fileURLToPath(new URL('../isolate/enter.sh', import.meta.url));

/** A private network (and PID, mount, user, IPC, hostname) namespace per check, or the host's loopback and why. */
export type Isolation = { namespaces: true } | { namespaces: false; reason: string };

export type IsolationChoice = 'auto' | 'namespaces' | 'none';

/** Why: the prefix that starts a check's worker as PID 1 of fresh namespaces; all it leaves dies with it. */
export function namespacePrefix(): string[] {
  return ['unshare', '--user', '--map-root-user', '--net', '--pid', '--ipc', '--uts', '--fork', '--mount', '--mount-proc', '--kill-child', 'sh', ENTER_SH];
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

/** Why: a run either has namespaces for every check or for none, decided by one real attempt. */
export function probeIsolation(choice: IsolationChoice, limits: Limits): Isolation {
  if (choice === 'none') return { namespaces: false, reason: 'turned off with --isolation none' };
  if (process.platform !== 'linux') return { namespaces: false, reason: `network namespaces exist only on Linux, not ${process.platform}` };
  const sandbox = mkdtempSync(path.join(tmpdir(), 'sockgrade-probe-'));
  try {
    const command = [...namespacePrefix(), ...confinement(limits, sandbox, true), 'true'];
    const run = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.error) return { namespaces: false, reason: `${command[0]}: ${(run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : run.error.message}` };
    if (run.status !== 0) return { namespaces: false, reason: firstLine(run.stderr) || `unshare exited with status ${run.status ?? run.signal}` };
    return { namespaces: true };
  } finally {
    removeSandbox(sandbox);
  }
}
