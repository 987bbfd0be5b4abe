// Timing goals, measured rather than asserted: how long grading a correct submission takes, and
// what a hanging program costs. Run with `npm run bench` (optionally: number of rounds).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { TIME_LIMITS } from '../harness/spec/types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'harness/cli/bin.js');
const rounds = Number(process.argv[2] ?? 5);

// The correct sample of every bundled spec, then the reference and two hanging programs.
const specs = readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
const cases = [
  ...specs.map((spec) => [spec, `submissions/${spec}/good`]),
  ['tcp-uppercase', 'submissions/tcp-uppercase/handout'],
  ['udp-uppercase', 'reference'],
  ['tcp-uppercase', 'submissions/tcp-uppercase/client-never-exits'],
  ['tcp-uppercase', 'submissions/tcp-uppercase/ignores-port'],
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`sockgrade bench: ${rounds} rounds each, median seconds (wall = whole command, grading = sockgrade's own measure)`);
for (const [spec, submission] of cases) {
  const wall: number[] = [];
  const grading: number[] = [];
  let limits = '';
  for (let i = 0; i < rounds; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-bench-'));
    const json = path.join(dir, 'run.json');
    const started = performance.now();
    await execa(process.execPath, [BIN, 'grade', '--spec', spec, '--seed', String(i), '--json', json, submission], { cwd: ROOT, reject: false });
    wall.push((performance.now() - started) / 1000);
    const run = JSON.parse(readFileSync(json, 'utf8'));
    grading.push(run.submissions[0].durationMs / 1000);
    limits = TIME_LIMITS.map((k) => `${k} ${run.submissions[0].limits[k] / 1000}s`).join(', ');
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${`${spec} ${submission}`.padEnd(62)} wall ${median(wall).toFixed(2)}  grading ${median(grading).toFixed(2)}`);
  if (submission.endsWith('ignores-port')) console.log(`  (limits: ${limits})`);
}
