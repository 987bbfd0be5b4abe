// Plain-text renderings of a check's evidence, shared by the console and the JUnit reporter.
import type { CheckResult, ProgramReport, TranscriptEvent } from '../engine/results.ts';
import { displayCommand } from '../launch/program.ts';
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

function size(bytes: number): string {
  for (const [unit, factor] of [['GiB', 1 << 30], ['MiB', 1 << 20], ['KiB', 1024]] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${bytes}B`;
}

/** Why: a timeout or a killed program is only understood next to the limits the run used. */
export function describeLimits(limits: Limits): string {
  const s = (ms: number) => `${ms / 1000}s`;
  return (
    `ready ${s(limits.ready)}, reply ${s(limits.reply)}, exit ${s(limits.exit)}, check ${s(limits.check)}, output kept ${size(limits.output)}; ` +
    `each program: cpu ${s(limits.cpu)}, memory ${size(limits.memory)}, ${limits.processes} processes, files up to ${size(limits.fileSize)}, ${limits.openFiles} open files`
  );
}
