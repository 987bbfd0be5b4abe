// What a student or instructor reads in the terminal: a line per check, evidence under each failure.
import type { CheckResult, RunResult, SubmissionResult, TranscriptEvent } from '../engine/results.ts';
import type { Spec } from '../spec/types.ts';
import { evidenceLines, programLines, transcriptLines } from './describe.ts';
import type { Reporter, RunInfo } from './types.ts';

const TRANSCRIPT_SHOWN = 12;

/** Why: a long conversation is cut to the events around the failure, or else to its end. */
function excerpt(events: TranscriptEvent[], at: number | undefined): { shown: TranscriptEvent[]; label: string } {
  if (events.length <= TRANSCRIPT_SHOWN) return { shown: events, label: '' };
  if (at === undefined) return { shown: events.slice(-TRANSCRIPT_SHOWN), label: ` (last ${TRANSCRIPT_SHOWN} of ${events.length} events)` };
  const last = events.filter((e) => e.at <= at).length - 1;
  const start = Math.max(0, Math.min(last - TRANSCRIPT_SHOWN + 4, events.length - TRANSCRIPT_SHOWN));
  return { shown: events.slice(start, start + TRANSCRIPT_SHOWN), label: ` (events ${start + 1}–${start + TRANSCRIPT_SHOWN} of ${events.length}, around the failure)` };
}

export class ConsoleReporter implements Reporter {
  readonly name = 'console';
  private readonly color: boolean;
  private readonly write: (text: string) => void;

  constructor(write?: (text: string) => void) {
    this.write = write ?? ((text) => process.stdout.write(text));
    this.color = !write && process.stdout.isTTY === true && !process.env.NO_COLOR;
  }

  private paint(code: number, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  onBegin({ spec, seed }: RunInfo): void {
    this.write(`${this.paint(1, spec.name)} · ${spec.title} · seed ${seed}\n`);
  }

  onSubmissionBegin(submission: string, _spec: Spec): void {
    this.write(`\n${this.paint(1, submission)}\n`);
  }

  onCheckEnd(_submission: string, r: CheckResult): void {
    const mark = r.status === 'passed' ? this.paint(32, '✔') : r.status === 'failed' ? this.paint(31, '✘') : this.paint(33, '!');
    const score = `${r.points}/${r.maxPoints}`.padStart(5);
    const time = r.durationMs ? this.paint(2, ` ${(r.durationMs / 1000).toFixed(2)}s`) : '';
    this.write(`  ${mark} ${r.id.padEnd(22)} ${score}  ${r.title}${time}\n`);
    for (const note of r.notes ?? []) this.write(`      note: ${note}\n`);
    if (r.status === 'passed') return;
    const lines = evidenceLines(r);
    if (r.status === 'errored') lines[0] = `sockgrade error (not the student's fault): ${lines[0]}`;
    const events = r.transcript.filter((e) => !e.what.startsWith('start:'));
    if (events.length > 0) {
      const { shown, label } = excerpt(events, r.status === 'failed' ? r.at : undefined);
      lines.push(`conversation${label}:`);
      lines.push(...transcriptLines(shown).map((l) => `  ${l}`));
    }
    for (const program of r.programs) lines.push(...programLines(program));
    this.write(lines.map((l) => `      ${l}\n`).join(''));
  }

  onSubmissionEnd(s: SubmissionResult): void {
    const failed = s.checks.filter((c) => c.status !== 'passed').length;
    const verdict = failed === 0 ? this.paint(32, 'all checks passed') : this.paint(31, `${failed} of ${s.checks.length} checks did not pass`);
    this.write(`  score ${s.points}/${s.maxPoints} · ${verdict} · ${(s.durationMs / 1000).toFixed(1)}s\n`);
  }

  onEnd(run: RunResult): void {
    const seed = run.submissions[0]?.seed;
    if (run.submissions.length > 1) {
      const perfect = run.submissions.filter((s) => s.points === s.maxPoints).length;
      this.write(`\n${run.submissions.length} submissions, ${perfect} with full marks, in ${(run.durationMs / 1000).toFixed(1)}s\n`);
    }
    if (run.submissions.some((s) => s.checks.some((c) => c.status !== 'passed'))) {
      this.write(`replay this run with --seed ${seed}\n`);
    }
  }
}
