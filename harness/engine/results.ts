// Results are plain data: a check may run in another process, and every reporter renders the same.

/** Where a check is declared, so a report can point into the spec. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One thing that crossed a socket or a pipe during a check, in order. */
export interface TranscriptEvent {
  /** Milliseconds since the check started. */
  at: number;
  from: string;
  to: string;
  what: string;
  /** Escaped payload, if any. */
  data?: string;
  bytes?: number;
}

/** What a program did during a check: how it was run, how it ended, the tail of its output. */
export interface ProgramReport {
  role: string;
  command: string[];
  /** e.g. `exited with status 0`, `killed by sockgrade when the check ended`. */
  ending: string;
  stdoutTail: string;
  stderrTail: string;
}

interface CheckResultBase {
  id: string;
  title: string;
  maxPoints: number;
  points: number;
  durationMs: number;
  position?: SourcePosition;
  transcript: TranscriptEvent[];
  programs: ProgramReport[];
  /** What the student should know even when the check passed, e.g. which file was graded. */
  notes?: string[];
}

/** Evidence for a failure; each field is already escaped for display. */
export interface FailureDetail {
  sent?: string;
  expected?: string;
  actual?: string;
  /** Transcript time (ms) of what went wrong, when the check knows it: reports show the events around it. */
  at?: number;
}

export type CheckResult =
  | (CheckResultBase & { status: 'passed' })
  /** The student's program did not do what the check asks. */
  | (CheckResultBase & { status: 'failed'; reason: string } & FailureDetail)
  /** sockgrade itself could not run the check (e.g. python3 missing): not the student's fault. */
  | (CheckResultBase & { status: 'errored'; reason: string });

export interface SubmissionResult {
  submission: string;
  spec: string;
  specFile: string;
  seed: number;
  /** The time limits used, in milliseconds, so a report explains a timeout. */
  limits: Record<string, number>;
  checks: CheckResult[];
  points: number;
  maxPoints: number;
  durationMs: number;
}

/** How the run was done, so a report explains its own verdicts. */
export interface RunSetting {
  /** "namespaces", or why not: "none (…)". */
  isolation: string;
  jobs: number;
  /** The largest memory sockgrade's own processes (the CLI, a worker) used. */
  maxRssBytes: number;
}

export interface RunResult {
  submissions: SubmissionResult[];
  durationMs: number;
  setting: RunSetting;
}

/** Why: a check that could not run still gets a verdict, with the reason and no points. */
export function unrunResult(check: { id: string; title: string; points: number; position?: SourcePosition }, status: 'failed' | 'errored', reason: string): CheckResult {
  return { id: check.id, title: check.title, maxPoints: check.points, points: 0, durationMs: 0, position: check.position, transcript: [], programs: [], status, reason };
}

/** Why: the exit status and the summaries agree on what "passed" means. */
export function allPassed(result: SubmissionResult): boolean {
  return result.checks.every((c) => c.status === 'passed');
}
