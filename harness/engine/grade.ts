// The pipeline, in one place: spec loaded (by the caller) → prepare submission → for each check:
// launch programs, converse, check (runCheck) → report.
import { prepareSubmission, type Submission } from '../launch/prepare.ts';
import { labs } from '../checks/labs.ts';
import type { Multiplexer } from '../reporters/multiplexer.ts';
import type { CheckSpec, Spec } from '../spec/types.ts';
import type { CheckResult, RunResult, SubmissionResult } from './results.ts';
import { runCheck } from './run-check.ts';

export interface GradeOptions {
  spec: Spec;
  submissions: string[];
  seed: number;
  reporters: Multiplexer;
}

// A check that cannot run still gets a verdict with the reason: never silently skipped.
function blocker(check: CheckSpec, spec: Spec, submission: Submission, done: CheckResult[]): { reason: string; ours: boolean } | undefined {
  const def = labs[spec.lab][check.id];
  for (const role of def.roles) {
    const program = submission.roles[role];
    if (program && 'problem' in program) return { reason: program.problem, ours: program.ours ?? false };
  }
  const failed = done.filter((r) => def.needs?.includes(r.id) && r.status !== 'passed');
  // Blocked by sockgrade's own error, the check is not the student's failure either.
  if (failed.length > 0) return { reason: `not run because ${failed.map((r) => r.id).join(', ')} did not pass`, ours: failed.some((r) => r.status === 'errored') };
  return undefined;
}

function notRun(check: CheckSpec, why: { reason: string; ours: boolean }): CheckResult {
  const base = { id: check.id, title: check.title, maxPoints: check.points, points: 0, durationMs: 0, position: check.position, transcript: [], programs: [] };
  return { ...base, status: why.ours ? 'errored' : 'failed', reason: why.reason };
}

async function gradeOne(spec: Spec, dir: string, seed: number, reporters: Multiplexer): Promise<SubmissionResult> {
  const started = performance.now();
  const submission = await prepareSubmission(spec, dir);
  await reporters.emit('onSubmissionBegin', dir, spec);
  const checks: CheckResult[] = [];
  for (const check of spec.checks) {
    const why = blocker(check, spec, submission, checks);
    const result = why ? notRun(check, why) : await runCheck(spec, submission, check, seed);
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

/** Why: grades every submission against one spec and tells the reporters as it goes. */
export async function grade({ spec, submissions, seed, reporters }: GradeOptions): Promise<RunResult> {
  const started = performance.now();
  await reporters.emit('onBegin', { spec, submissions, seed });
  const results: SubmissionResult[] = [];
  for (const dir of submissions) results.push(await gradeOne(spec, dir, seed, reporters));
  const run = { submissions: results, durationMs: Math.round(performance.now() - started) };
  await reporters.emit('onEnd', run);
  return run;
}
