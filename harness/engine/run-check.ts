// One check, start to finish: a fresh context, the check's conversation under a wall-clock limit,
// then everything released. Inputs and the result are plain data, so this can run in a worker.
import { CheckFailure } from '../checks/types.ts';
import { labs } from '../checks/labs.ts';
import type { Submission } from '../launch/prepare.ts';
import { HarnessError } from '../launch/program.ts';
import { describePython2, python2Sign } from '../launch/python2.ts';
import type { CheckSpec, Spec } from '../spec/types.ts';
import { Context } from './context.ts';
import { oomKills } from '../isolate/cgroups.ts';
import { formatLimit } from '../spec/load.ts';
import type { CheckResult } from './results.ts';

type Outcome = Pick<Extract<CheckResult, { status: 'failed' }>, 'status' | 'reason' | 'sent' | 'expected' | 'actual' | 'at'> | { status: 'passed' } | { status: 'errored'; reason: string };

function deadline(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailure(`the check did not finish within its limit of ${ms / 1000}s`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

function classify(error: unknown): Outcome {
  if (error instanceof CheckFailure) return { status: 'failed', reason: error.message, ...error.detail };
  if (error instanceof HarnessError) return { status: 'errored', reason: error.message };
  const detail = process.env.SOCKGRADE_DEBUG ? (error as Error)?.stack : (error as Error)?.message;
  return { status: 'errored', reason: `sockgrade bug: ${detail ?? String(error)}` };
}

/** Everything one check needs, as plain data: it crosses into a worker process as JSON. */
export interface CheckJob {
  spec: Spec;
  submission: Submission;
  check: CheckSpec;
  seed: number;
  /** The only folder the check's programs may write to; removed by whoever made it. */
  sandbox: string;
  /** In a private network namespace: servers get the handout port, programs are confined. */
  isolated: boolean;
  /** Outside a namespace, a second attempt on the handout port, one check at a time. */
  onHandoutPort: boolean;
  /** Put in every program's environment outside a namespace, so what they leave behind can be found. */
  token: string;
  /** The programs' user in the check's user namespace (0: the grader's, without capabilities). */
  programUid: number;
  /** The check's cgroup folders, which every program joins; empty where there are none. */
  cgroups: string[];
  /** The Python that watches the check's private network (peers/packets.ts); absent: clients are not followed. */
  python?: string;
}

/** Why: the unit of grading; never throws, whatever the programs or the check do. */
export async function runCheck(job: CheckJob): Promise<CheckResult> {
  const { spec, check } = job;
  const started = performance.now();
  const ctx = new Context(job, labs[spec.lab][check.id].roles);
  const limit = deadline(spec.limits.check);
  let outcome: Outcome;
  try {
    await Promise.race([labs[spec.lab][check.id].run(ctx), limit.promise]);
    outcome = { status: 'passed' };
  } catch (error) {
    outcome = classify(error);
  } finally {
    limit.cancel();
    await ctx.dispose();
  }
  // Whatever the check concluded, an interpreter sockgrade chose that would not start is its own fault.
  for (const program of ctx.programs) {
    const ending = await program.ended;
    if (ending.startError && program.launch.interpreterIsOurs) {
      outcome = { status: 'errored', reason: `sockgrade could not start ${program.launch.command[0]}: ${ending.startError}` };
    }
    // In a check's world the interpreter is started by the last of program.sh's tools: one it did not find there is ours too.
    const missing = /^(?:env|setpriv|prlimit|nsenter): .*(?:No such file or directory|Permission denied).*$/m.exec(program.stderr.text());
    if (job.isolated && program.launch.interpreterIsOurs && ending.code !== undefined && ending.code >= 125 && missing) {
      outcome = { status: 'errored', reason: `sockgrade could not start ${program.launch.command[0]} in the check's world: ${missing[0]}` };
    }
  }
  // A Python 2 program fails whatever the check looked at: the failure says so first, with the file and line.
  if (outcome.status === 'failed') {
    const sign = ctx.programs.map((p) => python2Sign(p.stderr.text(), p.launch.studentDir)).find((s) => s !== undefined);
    if (sign) outcome = { ...outcome, reason: `${describePython2(sign)}: ${outcome.reason}` };
  }
  // A SIGKILL from the kernel's out-of-memory killer is otherwise a riddle to the student.
  if (oomKills(job.cgroups) > 0) {
    ctx.note(`the kernel killed a program of this check (SIGKILL) when the check's programs together reached its memory limit of ${formatLimit('memory', spec.limits.memory)}`);
  }
  const points = outcome.status === 'passed' ? check.points : 0;
  return {
    ...outcome,
    id: check.id,
    title: check.title,
    maxPoints: check.points,
    points,
    durationMs: Math.round(performance.now() - started),
    position: check.position,
    transcript: ctx.transcript.events,
    programs: ctx.programs.map((p) => p.report()),
    ...(ctx.notes.length > 0 ? { notes: ctx.notes } : {}),
  } as CheckResult;
}
