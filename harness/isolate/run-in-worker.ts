// Main side of a worker: start it (inside fresh namespaces when the run has them), hand it the job,
// wait for its result within the check's limit plus a margin, and turn a worker that died into a verdict.
import { pythonInterpreter } from '../launch/runner.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { unrunResult } from '../engine/results.ts';
import type { CheckJob } from '../engine/run-check.ts';
import { killGroup, killTagged, removeFolder, trackCgroups, trackFolder, trackGroup, untrackCgroups } from '../launch/cleanup.ts';
import { checkCgroupDirs, checkCgroupName, removeCheckCgroup } from './cgroups.ts';
import type { Isolation } from './namespaces.ts';
import { startInNamespaces } from './userns.ts';
import type { WorkerReply } from './worker.ts';

/** Room for the worker's start and for stopping everything after the check's own limit. */
const MARGIN_MS = 15_000;
const REPLY_CAP = 256 << 20;

export type WorkerJob = Omit<CheckJob, 'sandbox' | 'token' | 'isolated' | 'programUid' | 'cgroups' | 'python'>;

// What a crashed worker said: Node ends a crash with a line naming its own version, so the error
// line itself is the one to show.
function crashLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines.find((line) => /^\w*Error\b/.test(line) || line.startsWith('sockgrade: ')) ?? lines.filter((line) => !/^Node\.js v/.test(line)).at(-1) ?? '';
}

const unrun = (job: WorkerJob, status: 'failed' | 'errored', reason: string): WorkerReply => ({ result: unrunResult(job.check, status, reason), maxRssBytes: 0 });

// The worker's environment: nothing of the grader's but where programs are found.
const workerEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', SOCKGRADE_WORKER: '1', ...(process.env.SOCKGRADE_DEBUG ? { SOCKGRADE_DEBUG: '1' } : {}) });

/** Why: every check runs in a process of its own; whatever happens to it, a verdict comes back. */
export async function runInWorker(job: WorkerJob, isolation: Isolation, script: string): Promise<WorkerReply> {
  // The worker makes the check's folder and is answerable for it from then on, even if sockgrade is
  // killed; sockgrade only names it (unguessably) and removes it after the worker, if still there.
  const sandbox = path.join(tmpdir(), `sockgrade-check-${randomBytes(8).toString('hex')}`);
  trackFolder(sandbox);
  // Likewise its cgroups: the worker makes them once it has the job, and removes them as it exits.
  const cgroups = isolation.namespaces ? checkCgroupDirs(isolation.cgroups, checkCgroupName(sandbox)) : [];
  trackCgroups(cgroups);
  try {
    return await superviseWorker(job, isolation, script, sandbox, cgroups);
  } catch (error) {
    // A temporary folder or cgroup that cannot be made, a worker that cannot be started: sockgrade's side.
    return unrun(job, 'errored', `sockgrade could not run this check: ${(error as Error).message}`);
  } finally {
    // The worker is dead by now, and with it (as PID 1) every process of the check: what it could
    // not remove (killed itself) goes now.
    removeCheckCgroup(cgroups);
    untrackCgroups(cgroups);
    removeFolder(sandbox);
  }
}

async function superviseWorker(job: WorkerJob, isolation: Isolation, script: string, sandbox: string, cgroups: string[]): Promise<WorkerReply> {
  const token = randomUUID();
  const programUid = isolation.namespaces ? isolation.identity.programUid : 0;
  // Resolved once here: a pyenv shim costs a second in every worker.
  const python = isolation.namespaces ? await pythonInterpreter().catch(() => undefined) : undefined;
  const full: CheckJob = { ...job, sandbox, token, isolated: isolation.namespaces, programUid, cgroups, ...(python ? { python } : {}) };
  const limitMs = job.spec.limits.check + MARGIN_MS;
  const options = {
    detached: true,
    cleanup: false,
    reject: false,
    timeout: limitMs,
    killSignal: 'SIGKILL',
    maxBuffer: { stdout: REPLY_CAP, stderr: 1 << 20 },
    extendEnv: false,
    env: workerEnv(),
  } as const;
  const command = [process.execPath, script, sandbox];
  const child: ResultPromise = isolation.namespaces
    ? startInNamespaces(command, isolation.identity, options)
    : execa(command[0], command.slice(1), options);
  if (child.pid !== undefined) trackGroup(child.pid);
  // stdin stays open until the worker exits: if sockgrade is killed, its end tells the worker to clean up.
  child.stdin!.on('error', () => {});
  child.stdin!.write(`${JSON.stringify(full)}\n`);
  const out = await child;
  if (child.pid !== undefined) killGroup(child.pid);
  // Outside a namespace, a program that left its process group is found by the token it inherited.
  if (!isolation.namespaces) killTagged(token);

  if (out.exitCode === 0) {
    try {
      return JSON.parse(String(out.stdout)) as WorkerReply;
    } catch {
      // Falls through to the worker's failure below.
    }
  }
  if (out.timedOut) return unrun(job, 'errored', `sockgrade's worker for this check did not finish within ${limitMs / 1000}s, and was killed`);
  if (out.signal === 'SIGKILL' && !out.isMaxBuffer) {
    // Outside a namespace only a program of the check can have done this: the harness never kills a
    // worker it waits for. Inside one the worker is out of the programs' sight and reach.
    if (!isolation.namespaces) return unrun(job, 'failed', "the check's worker process (the programs' parent) was killed by SIGKILL: a program must not kill its parent process");
    return unrun(job, 'errored', "sockgrade's worker for this check was killed by SIGKILL from outside (the out-of-memory killer?)");
  }
  return unrun(job, 'errored', `sockgrade's worker for this check failed: ${crashLine(String(out.stderr)) || out.shortMessage}`);
}
