// The pipeline, in one place: spec loaded (by the caller) → prepare submission → for each check:
// launch programs, converse, check (runCheck, in a worker) → report.
import { labs } from '../checks/labs.ts';
import { workerScript } from '../isolate/bundle.ts';
import type { Isolation } from '../isolate/namespaces.ts';
import { prepareSubmission, type Submission } from '../launch/prepare.ts';
import type { Multiplexer } from '../reporters/multiplexer.ts';
import type { CheckSpec, Spec } from '../spec/types.ts';
import { unrunResult, type CheckResult, type RunResult, type SubmissionResult } from './results.ts';
import { Scheduler } from './schedule.ts';

export interface GradeOptions {
  spec: Spec;
  submissions: string[];
  seed: number;
  reporters: Multiplexer;
  isolation: Isolation;
  /** Checks run at once, across all submissions. */
  jobs: number;
}

// A check that cannot run still gets a verdict with the reason: never silently skipped.
function blocker(check: CheckSpec, spec: Spec, submission: Submission, needed: CheckResult[]): { reason: string; ours: boolean } | undefined {
  for (const role of labs[spec.lab][check.id].roles) {
    const program = submission.roles[role];
    if (program && 'problem' in program) return { reason: program.problem, ours: program.ours ?? false };
  }
  const failed = needed.filter((r) => r.status !== 'passed');
  // Blocked by sockgrade's own error, the check is not the student's failure either.
  if (failed.length > 0) return { reason: `not run because ${failed.map((r) => r.id).join(', ')} did not pass`, ours: failed.some((r) => r.status === 'errored') };
  return undefined;
}

async function gradeOne(spec: Spec, dir: string, seed: number, scheduler: Scheduler, reporters: Multiplexer): Promise<SubmissionResult> {
  const started = performance.now();
  const submission = await prepareSubmission(spec, dir);
  await reporters.emit('onSubmissionBegin', dir, spec);
  // Every check starts as soon as the checks it needs are done; results are reported in spec order.
  const verdicts = new Map<string, Promise<CheckResult>>();
  for (const check of spec.checks) {
    const needs = (labs[spec.lab][check.id].needs ?? []).flatMap((id) => verdicts.get(id) ?? []);
    verdicts.set(check.id, (async () => {
      const why = blocker(check, spec, submission, await Promise.all(needs));
      if (why) return unrunResult(check, why.ours ? 'errored' : 'failed', why.reason);
      return (await scheduler.run({ spec, submission, check, seed })).result;
    })());
  }
  const checks: CheckResult[] = [];
  for (const check of spec.checks) {
    const result = await verdicts.get(check.id)!;
    checks.push(result);
    await reporters.emit('onCheckEnd', dir, result);
  }
  const result: SubmissionResult = {
    submission: dir,
    spec: spec.name,
    specFile: spec.file,
    seed,
    limits: { ...spec.limits },
    checks,
    points: checks.reduce((sum, c) => sum + c.points, 0),
    maxPoints: checks.reduce((sum, c) => sum + c.maxPoints, 0),
    durationMs: Math.round(performance.now() - started),
  };
  await reporters.emit('onSubmissionEnd', result);
  return result;
}

/** Why: grades every submission against one spec, in parallel, and tells the reporters as it goes. */
export async function grade({ spec, submissions, seed, reporters, isolation, jobs }: GradeOptions): Promise<RunResult> {
  const started = performance.now();
  const scheduler = new Scheduler(isolation, jobs, await workerScript());
  await reporters.emit('onBegin', { spec, submissions, seed, isolation, jobs });
  const results = await Promise.all(submissions.map((dir) => gradeOne(spec, dir, seed, scheduler, reporters)));
  const setting = {
    isolation: isolation.namespaces ? 'namespaces' : `none (${isolation.reason})`,
    jobs,
    maxRssBytes: Math.max(process.resourceUsage().maxRSS * 1024, scheduler.maxWorkerRss),
  };
  const run = { submissions: results, durationMs: Math.round(performance.now() - started), setting };
  await reporters.emit('onEnd', run);
  return run;
}
