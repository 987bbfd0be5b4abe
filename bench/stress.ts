// The same verdict every time: grades every sample of every spec N times (default 20), more checks
// at once than the machine has cores, while other processes keep every core busy, and reports each
// check whose verdict was not the same in every round. Not part of `npm test`: it takes a while.
//   npm run stress -- [rounds] [--jobs N] [--load N] [--timeout-scale X] [--spec name]...
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import type { RunResult } from '../harness/engine/results.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'harness/cli/bin.js');
const cores = availableParallelism();
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { jobs: { type: 'string' }, load: { type: 'string' }, 'timeout-scale': { type: 'string' }, spec: { type: 'string', multiple: true } },
});
const rounds = Number(positionals[0] ?? 20);
const jobs = Number(values.jobs ?? cores * 2);
const load = Number(values.load ?? cores);
const specs = values.spec ?? readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
const extra = values['timeout-scale'] ? ['--timeout-scale', values['timeout-scale']] : [];

/** For each `spec · submission · check`: how often each verdict came, and one reason for each. */
const verdicts = new Map<string, Map<string, { count: number; reason: string; seed: number }>>();

// Busy loops on every core: the grading competes for the CPU as on a loaded CI machine.
const burners = Array.from({ length: load }, () => execa(process.execPath, ['-e', 'for (;;) {}'], { reject: false }));

console.log(`sockgrade stress: ${rounds} rounds of ${specs.length} specs, --jobs ${jobs} on ${cores} cores, ${load} busy processes${extra.length ? `, ${extra.join(' ')}` : ''}`);
const started = performance.now();
try {
  for (let round = 1; round <= rounds; round++) {
    const roundStarted = performance.now();
    for (const spec of specs) {
      const samples = readdirSync(path.join(ROOT, 'submissions', spec)).map((s) => `submissions/${spec}/${s}`);
      const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-stress-'));
      const json = path.join(dir, 'run.json');
      const seed = round * 1000 + specs.indexOf(spec);
      // Namespaces always: remote-* samples aim off this machine and must never run without them.
      const run = await execa(process.execPath, [BIN, 'grade', '--isolation', 'namespaces', '--spec', spec, '--jobs', String(jobs), '--seed', String(seed), '--json', json, ...extra, ...samples, 'reference'], { cwd: ROOT, reject: false });
      if (run.exitCode === 2) throw new Error(`${spec}: sockgrade could not run: ${run.stderr}`);
      const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
      rmSync(dir, { recursive: true, force: true });
      for (const submission of result.submissions) {
        for (const check of submission.checks) {
          const key = `${spec} · ${submission.submission} · ${check.id}`;
          const seen = verdicts.get(key) ?? new Map();
          const entry = seen.get(check.status) ?? { count: 0, reason: 'reason' in check ? check.reason : '', seed };
          entry.count++;
          seen.set(check.status, entry);
          verdicts.set(key, seen);
        }
      }
    }
    const differing = [...verdicts.values()].filter((seen) => seen.size > 1).length;
    console.log(`round ${round}/${rounds}: ${((performance.now() - roundStarted) / 1000).toFixed(0)}s, ${verdicts.size} checks, ${differing} with differing verdicts so far`);
  }
} finally {
  for (const burner of burners) burner.kill('SIGKILL');
}

const differing = [...verdicts.entries()].filter(([, seen]) => seen.size > 1);
console.log(`\n${verdicts.size} checks × ${rounds} rounds in ${((performance.now() - started) / 1000 / 60).toFixed(1)} min: ${differing.length} with differing verdicts`);
for (const [key, seen] of differing) {
  console.log(`  ${key}`);
  for (const [status, { count, reason, seed }] of seen) console.log(`    ${status} ×${count} (e.g. --seed ${seed})${reason ? `: ${reason}` : ''}`);
}
process.exitCode = differing.length === 0 ? 0 : 1;
