// JUnit XML for CI systems: one <testsuite> per (submission, spec), one <testcase> per check.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import junit, { type Builder } from 'junit-report-builder';
import type { CheckResult, RunResult, SubmissionResult } from '../engine/results.ts';
import { evidenceLines, programLines, transcriptLines } from './describe.ts';
import type { Reporter } from './types.ts';

// The package is CommonJS whose types describe an ES default export; accept either shape.
const builder: Builder = (junit as unknown as { default?: Builder }).default ?? (junit as unknown as Builder);

/**
 * Why: xmlbuilder (under junit-report-builder) splits only the first "]]>" of a CDATA section.
 * Splitting every later one ourselves keeps the report valid whatever a program printed.
 */
export function cdataSafe(text: string): string {
  const [first, ...rest] = text.split(']]>');
  return rest.length <= 1 ? text : `${first}]]>${rest.join(']]]]><![CDATA[>')}`;
}

function body(r: CheckResult): string {
  const lines = [...evidenceLines(r)];
  if (r.position) lines.push(`check declared at ${r.position.file}:${r.position.line}:${r.position.column}`);
  return lines.join('\n');
}

function systemOut(r: CheckResult): string {
  const lines = [...(r.notes ?? []).map((n) => `note: ${n}`), 'conversation:', ...transcriptLines(r.transcript).map((l) => `  ${l}`)];
  for (const program of r.programs) lines.push(...programLines(program));
  return lines.join('\n');
}

function addSuite(report: Builder, s: SubmissionResult): void {
  const suite = report
    .testSuite()
    .name(`${s.spec}: ${s.submission}`)
    .timestamp(new Date())
    .time(s.durationMs / 1000)
    .property('spec', s.spec)
    .property('spec-file', s.specFile)
    .property('submission', s.submission)
    .property('seed', String(s.seed))
    .property('points', String(s.points))
    .property('max-points', String(s.maxPoints));
  for (const [name, value] of Object.entries(s.limits)) suite.property(`limit-${name}`, String(value));
  // Jenkins' schema allows properties only on the suite, so per-check points are named by check id.
  for (const r of s.checks) suite.property(`points.${r.id}`, `${r.points}/${r.maxPoints}`);
  for (const r of s.checks) {
    const test = suite
      .testCase()
      .className(`${s.spec}.${path.basename(path.resolve(s.submission))}`)
      .name(`${r.id}: ${r.title}`)
      .time(r.durationMs / 1000)
      .standardOutput(cdataSafe(systemOut(r)));
    if (r.status === 'failed') test.failure(r.reason, 'failed').stacktrace(cdataSafe(body(r)));
    if (r.status === 'errored') test.error(r.reason, 'sockgrade-error', cdataSafe(body(r)));
  }
}

/** Why: CI systems (Jenkins, GitLab, GitHub, Azure) all read this one format. */
export class JUnitReporter implements Reporter {
  readonly name = 'junit';

  constructor(private readonly file: string) {}

  onEnd(run: RunResult): void {
    const report = builder.newBuilder();
    for (const s of run.submissions) addSuite(report, s);
    mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    report.writeTo(this.file);
  }
}
