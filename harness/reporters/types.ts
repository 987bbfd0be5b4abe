// Results are data; reporters render them. Every hook is optional, and may be async.
import type { CheckResult, RunResult, SubmissionResult } from '../engine/results.ts';
import type { Isolation } from '../isolate/namespaces.ts';
import type { Spec } from '../spec/types.ts';

export interface RunInfo {
  spec: Spec;
  submissions: string[];
  seed: number;
  isolation: Isolation;
  jobs: number;
}

export interface Reporter {
  /** Shown in the one-line message when this reporter fails. */
  readonly name: string;
  onBegin?(run: RunInfo): void | Promise<void>;
  onSubmissionBegin?(submission: string, spec: Spec): void | Promise<void>;
  onCheckEnd?(submission: string, result: CheckResult): void | Promise<void>;
  onSubmissionEnd?(result: SubmissionResult): void | Promise<void>;
  onEnd?(run: RunResult): void | Promise<void>;
}
