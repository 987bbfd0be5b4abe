// Whether checks can run in private namespaces here, asked once per run by trying it the whole way
// down: a worker started as a check's would be, which builds a world and runs a confined `true` in it.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Limits } from '../spec/types.ts';
import { removeFolder, trackFolder } from '../launch/cleanup.ts';
import { probeCgroups, type CgroupSupport } from './cgroups.ts';
import { identity, startInNamespaces, type Identity } from './userns.ts';

/** Private namespaces per check (with who the programs are, and the check's cgroups), or why not. */
export type Isolation = { namespaces: true; identity: Identity; cgroups: CgroupSupport } | { namespaces: false; reason: string };

export type IsolationChoice = 'auto' | 'namespaces' | 'none';

// What went wrong, as sockgrade's own scripts say it, else the first line.
function firstLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines.find((line) => line.startsWith('sockgrade: ')) ?? lines[0] ?? '').replace(/^sockgrade: /, '');
}

/** What a probing worker is asked to do. */
export interface ProbeJob {
  probe: true;
  limits: Limits;
  programUid: number;
}

/** Why: a run either has namespaces for every check or for none, decided by one real attempt. */
export async function probeIsolation(choice: IsolationChoice, limits: Limits, workerScript: string): Promise<Isolation> {
  if (choice === 'none') return { namespaces: false, reason: 'turned off with --isolation none' };
  if (process.platform !== 'linux') return { namespaces: false, reason: `network namespaces exist only on Linux, not ${process.platform}` };
  // Made, and removed, by the probing worker: a sockgrade killed meanwhile leaves nothing.
  const sandbox = path.join(tmpdir(), `sockgrade-probe-${randomBytes(8).toString('hex')}`);
  trackFolder(sandbox);
  try {
    const who = identity();
    const job: ProbeJob = { probe: true, limits, programUid: who.programUid };
    const run = await startInNamespaces([process.execPath, workerScript, sandbox], who, {
      input: `${JSON.stringify(job)}\n`,
      reject: false,
      timeout: 15_000,
      extendEnv: false,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    if ((run as { code?: string }).code === 'ENOENT' || /ENOENT/.test(run.shortMessage ?? '')) return { namespaces: false, reason: 'unshare: not installed' };
    if (run.exitCode !== 0) return { namespaces: false, reason: firstLine(String(run.stderr)) || `unshare exited with ${run.signal ?? `status ${run.exitCode}`}` };
    return { namespaces: true, identity: who, cgroups: probeCgroups() };
  } finally {
    removeFolder(sandbox);
  }
}
