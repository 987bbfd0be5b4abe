// Plain-text renderings of a check's evidence, shared by the console and the JUnit reporter.
import type { CheckResult, ProgramReport, TranscriptEvent } from '../engine/results.ts';
import { displayCommand } from '../launch/program.ts';
import { formatLimit } from '../spec/load.ts';
import type { Limits } from '../spec/types.ts';

/** Why: the failure block a student reads: reason, then sent / expected / got. */
export function evidenceLines(result: CheckResult): string[] {
  if (result.status === 'passed') return [];
  const lines = [result.reason];
  if (result.status === 'failed') {
    if (result.sent !== undefined) lines.push(`sent:     "${result.sent}"`);
    if (result.expected !== undefined) lines.push(`expected: "${result.expected}"`);
    if (result.actual !== undefined) lines.push(`got:      "${result.actual}"`);
  }
  return lines;
}

export function transcriptLines(events: TranscriptEvent[]): string[] {
  return events.map((e) => {
    const time = `+${(e.at / 1000).toFixed(3)}s`.padEnd(9);
    const payload = e.data !== undefined ? ` "${e.data}"` : '';
    return `${time} ${e.from} → ${e.to}: ${e.what}${payload}`;
  });
}

/** Why: the tail of each program's output is usually where a student finds the traceback. */
export function programLines(program: ProgramReport): string[] {
  const lines = [`${program.role} (${displayCommand(program.command)}) ${program.ending}`];
  for (const [name, tail] of [['stdout', program.stdoutTail], ['stderr', program.stderrTail]] as const) {
    if (!tail) continue;
    lines.push(`  ${name}:`);
    for (const line of tail.split('\n')) lines.push(`    ${line}`);
  }
  return lines;
}

/** Why: a timeout or a killed program is only understood next to the limits the run used. */
export function describeLimits(limits: Limits): string {
  const f = (key: keyof Limits) => formatLimit(key, limits[key]);
  return (
    `ready ${f('ready')}, reply ${f('reply')}, exit ${f('exit')}, check ${f('check')}, output kept ${f('output')}; ` +
    `each check's programs together: memory ${f('memory')}, ${f('processes')} processes, disk ${f('disk')}; ` +
    `each program: cpu ${f('cpu')}, files up to ${f('fileSize')}, ${f('openFiles')} open files`
  );
}
