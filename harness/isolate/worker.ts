// The worker's side: one check job in on stdin, its result out on stdout, then exit. Inside a
// check's namespaces it is PID 1, and the programs live in a PID namespace below it (world.sh):
// they can neither see nor signal it.
import { runCheck, type CheckJob } from '../engine/run-check.ts';
import { killTagged, releaseSandbox } from '../launch/cleanup.ts';
import { closeSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { makeCheckCgroup, removeCheckCgroup } from './cgroups.ts';
import { unrunResult, type CheckResult } from '../engine/results.ts';
import type { ProbeJob } from './namespaces.ts';
import { probeWorld } from './probe.ts';

/** What a worker prints: the check's result and what the worker itself cost. */
export interface WorkerReply {
  result: Awaited<ReturnType<typeof runCheck>>;
  maxRssBytes: number;
}

// sockgrade is gone (its end of stdin closed before the reply): nobody else will clean up after
// this check. Its programs die with this process (PID 1) or by their token; its folder and cgroups go.
function orphaned(job: CheckJob | undefined): void {
  if (job && !job.isolated) killTagged(job.token);
  if (job) removeCheckCgroup(job.cgroups);
}

// The job is the first line of stdin. sockgrade keeps stdin open while it waits for the reply, so
// its end means sockgrade itself was killed (SIGKILL, the OOM killer, a cancelled CI job).
function receiveJob(): Promise<CheckJob | ProbeJob> {
  return new Promise((resolve) => {
    let text = '';
    let job: CheckJob | ProbeJob | undefined;
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      if (job) return;
      text += chunk;
      const end = text.indexOf('\n');
      if (end < 0) return;
      job = JSON.parse(text.slice(0, end)) as CheckJob | ProbeJob;
      resolve(job);
    });
    process.stdin.on('end', () => {
      if (job && 'probe' in job) return;
      orphaned(job);
      process.exit(3);
    });
  });
}

// What whoever started sockgrade left open (a shell's `100<secret`) is inherited by every process
// below it unless closed: Node's own descriptors are all close-on-exec, inherited ones are not.
function closeInherited(): void {
  const CLOSE_ON_EXEC = 0o2000000;
  for (const entry of readdirSync('/proc/self/fd')) {
    const fd = Number(entry);
    if (fd <= 2) continue;
    try {
      const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
      if (flags !== undefined && (parseInt(flags, 8) & CLOSE_ON_EXEC) === 0) closeSync(fd);
    } catch {
      // Gone already (the listing's own descriptor).
    }
  }
}

/** Why: a check in its own process, so its programs, ports and namespaces are its alone. */
export async function serveOneCheck(sandbox: string): Promise<void> {
  if (process.platform === 'linux') closeInherited();
  // Node opens its debugger on SIGUSR1; a listener of our own keeps that door shut.
  process.on('SIGUSR1', () => {});
  // The worker makes the check's folder and removes it however it exits, even when sockgrade is
  // gone by then (sockgrade removes it too, after a worker that was killed).
  mkdirSync(sandbox, { mode: 0o700 });
  process.on('exit', () => releaseSandbox(sandbox));
  const job = await receiveJob();
  if ('probe' in job) return probeWorld(sandbox, job);
  process.on('exit', () => removeCheckCgroup(job.cgroups));
  let result: CheckResult;
  try {
    makeCheckCgroup(job.cgroups, job.spec.limits.memory, job.spec.limits.processes);
    result = await runCheck(job);
  } catch (error) {
    result = unrunResult(job.check, 'errored', `sockgrade could not make this check's cgroup: ${(error as Error).message}`);
  }
  const reply: WorkerReply = { result, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(reply), () => process.exit(0));
}
