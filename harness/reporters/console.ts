// What a student or instructor reads in the terminal: a line per check, evidence under each failure.
import { escapeInline } from '../engine/escape.ts';
import { escapeControls } from '../engine/escape-controls.ts';
import type { CheckResult, RunResult, SubmissionResult, TranscriptEvent } from '../engine/results.ts';
import type { Spec } from '../spec/types.ts';
import { describeLimits, evidenceLines, programLines, transcriptLines } from './describe.ts';
import type { Reporter, RunInfo } from './types.ts';

const TRANSCRIPT_SHOWN = 12;

// Evidence is escaped where it is made; this catches what was not (a manifest's command, say).
const plain = escapeControls;

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
  /** Submissions are graded in parallel: each one's lines are held and printed as one block. */
  private readonly held = new Map<string, string[]>();
  private streaming = true;

  constructor(write?: (text: string) => void) {
    this.write = write ?? ((text) => process.stdout.write(text));
    this.color = !write && process.stdout.isTTY === true && !process.env.NO_COLOR;
  }

  private paint(code: number, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  private out(submission: string, text: string): void {
    if (this.streaming) this.write(text);
    else this.held.get(submission)?.push(text);
  }

  onBegin({ spec, seed, submissions, isolation, jobs }: RunInfo): void {
    this.streaming = submissions.length === 1;
    this.write(`${this.paint(1, plain(spec.name))} · ${plain(spec.title)} · seed ${seed}\n`);
    const where = isolation.namespaces ? 'each check in a private network namespace' : 'on the host loopback (no private network)';
    this.write(this.paint(2, `${where}, ${jobs} at a time · limits: ${describeLimits(spec.limits)}\n`));
  }

  onSubmissionBegin(submission: string, _spec: Spec): void {
    this.held.set(submission, []);
    // A folder name is the user's: escaped, it cannot move the cursor or fake a line.
    this.out(submission, `\n${this.paint(1, escapeInline(submission))}\n`);
  }

  onCheckEnd(submission: string, r: CheckResult): void {
    const write = (text: string) => this.out(submission, text);
    const mark = r.status === 'passed' ? this.paint(32, '✔') : r.status === 'failed' ? this.paint(31, '✘') : this.paint(33, '!');
    const score = `${r.points}/${r.maxPoints}`.padStart(5);
    const time = r.durationMs ? this.paint(2, ` ${(r.durationMs / 1000).toFixed(2)}s`) : '';
    write(`  ${mark} ${plain(r.id).padEnd(22)} ${score}  ${plain(r.title)}${time}\n`);
    for (const note of r.notes ?? []) write(`      note: ${plain(note)}\n`);
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
    write(lines.map((l) => `      ${plain(l)}\n`).join(''));
  }

  onSubmissionEnd(s: SubmissionResult): void {
    const write = (text: string) => this.out(s.submission, text);
    const failed = s.checks.filter((c) => c.status !== 'passed').length;
    const verdict = failed === 0 ? this.paint(32, 'all checks passed') : this.paint(31, `${failed} of ${s.checks.length} checks did not pass`);
    write(`  score ${s.points}/${s.maxPoints} · ${verdict} · ${(s.durationMs / 1000).toFixed(1)}s\n`);
    this.write((this.held.get(s.submission) ?? []).join(''));
    this.held.delete(s.submission);
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
