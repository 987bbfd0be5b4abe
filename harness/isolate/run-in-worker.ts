// Main side of a worker: start it (inside fresh namespaces when the run has them), hand it the job,
// wait for its result within the check's limit plus a margin, and turn a worker that died into a verdict.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { unrunResult } from '../engine/results.ts';
import type { CheckJob } from '../engine/run-check.ts';
import { killGroup, killTagged, removeSandbox, trackFolder, trackGroup } from '../launch/cleanup.ts';
import { namespacePrefix, type Isolation } from './namespaces.ts';
import type { WorkerReply } from './worker.ts';

/** Room for the worker's start and for stopping everything after the check's own limit. */
const MARGIN_MS = 15_000;
const REPLY_CAP = 256 << 20;

export type WorkerJob = Omit<CheckJob, 'sandbox' | 'token' | 'isolated'>;

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

/** Why: every check runs in a process of its own; whatever happens to it, a verdict comes back. */
export async function runInWorker(job: WorkerJob, isolation: Isolation, script: string): Promise<WorkerReply> {
  const sandbox = await mkdtemp(path.join(tmpdir(), 'sockgrade-check-'));
  trackFolder(sandbox);
  const token = randomUUID();
  const full: CheckJob = { ...job, sandbox, token, isolated: isolation.namespaces };
  const command = [...(isolation.namespaces ? namespacePrefix() : []), process.execPath, script, sandbox];
  const limitMs = job.spec.limits.check + MARGIN_MS;
  const child = execa(command[0], command.slice(1), {
    detached: true,
    cleanup: false,
    reject: false,
    timeout: limitMs,
    killSignal: 'SIGKILL',
    maxBuffer: { stdout: REPLY_CAP, stderr: 1 << 20 },
    env: { SOCKGRADE_WORKER: '1' },
  });
  if (child.pid !== undefined) trackGroup(child.pid);
  // stdin stays open until the worker exits: if sockgrade is killed, its end tells the worker to clean up.
  child.stdin!.on('error', () => {});
  child.stdin!.write(`${JSON.stringify(full)}\n`);
  const out = await child;
  if (child.pid !== undefined) killGroup(child.pid);
  // Outside a namespace, a program that left its process group is found by the token it inherited.
  if (!isolation.namespaces) killTagged(token);
  removeSandbox(sandbox);

  if (out.exitCode === 0) {
    try {
      return JSON.parse(out.stdout) as WorkerReply;
    } catch {
      // Falls through to the worker's failure below.
    }
  }
  const failed = (reason: string, status: 'failed' | 'errored') => ({ result: unrunResult(job.check, status, reason), maxRssBytes: 0 });
  if (out.timedOut) return failed(`sockgrade's worker for this check did not finish within ${limitMs / 1000}s, and was killed`, 'errored');
  // Only a program of the check can have done this: the harness never kills a worker it waits for.
  if (out.signal === 'SIGKILL' && !out.isMaxBuffer) {
    return failed("the check's worker process (the programs' parent) was killed by SIGKILL: a program must not kill its parent process", 'failed');
  }
  return failed(`sockgrade's worker for this check failed: ${lastLine(out.stderr) || out.shortMessage}`, 'errored');
}
