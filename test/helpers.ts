// Shared by the tests: run the real CLI as a user would, in a private TMPDIR we can inspect.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { RunResult } from '../harness/engine/results.ts';
import { DEFAULT_LIMITS, type Spec } from '../harness/spec/types.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = path.join(ROOT, 'harness/cli/bin.js');

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The --json report, when the run wrote one. */
  json?: RunResult;
  /** The TMPDIR the run used; sockgrade must leave it empty. */
  tmp: string;
  /** The sockgrade process's ID: its checks' cgroups are named after it. */
  pid: number;
}

const created: string[] = [];

/** Why: a private folder under the system's temp dir, removed by removeTestFolders() after the file's tests. */
export function testFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTestFolders(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Why: every end-to-end test goes through the real bin, as `npx sockgrade` would. */
export async function sockgrade(args: string[], options: { env?: Record<string, string>; json?: boolean; fd5?: string } = {}): Promise<CliRun> {
  const tmp = testFolder('sockgrade-test-');
  const jsonFile = path.join(testFolder('sockgrade-json-'), 'run.json');
  const fullArgs = options.json && args[0] === 'grade' ? [...args, '--json', jsonFile] : args;
  // A descriptor left open by whoever starts sockgrade (a shell's `5<file`), when a test names a file.
  const command = options.fd5 === undefined ? [process.execPath, BIN, ...fullArgs] : ['sh', '-c', 'file=$1; shift; exec "$@" 5<"$file"', 'sh', options.fd5, process.execPath, BIN, ...fullArgs];
  const child = execa(command[0], command.slice(1), {
    cwd: ROOT,
    reject: false,
    env: { TMPDIR: tmp, NO_COLOR: '1', ...options.env },
    // Below the longest test's own limit (240 s); a whole spec's samples take 20-40 s on an idle 2-core machine.
    timeout: 230_000,
  });
  const result = await child;
  let json: RunResult | undefined;
  try {
    json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch {
    json = undefined;
  }
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr), json, tmp, pid: child.pid ?? -1 };
}

/** Ids of the checks of one submission that did not pass, sorted. */
export function notPassed(run: RunResult, submission: string): string[] {
  const result = run.submissions.find((s) => s.submission === submission);
  if (!result) throw new Error(`no result for ${submission}`);
  return result.checks.filter((c) => c.status !== 'passed').map((c) => c.id).sort();
}

/** Why: "no process left behind": any live process whose cwd is inside `dir`. */
export function processesInside(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** Why: leftovers that left the sandbox (a daemon in `/`) are found by a marker on their command line. */
export function processesMarked(marker: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes(marker) ? [`${pid} ${cmdline.replace(/\0/g, ' ')}`] : [];
      } catch {
        return [];
      }
    });
}

export { cgroupsLeftBy } from '../harness/isolate/cgroups.ts';

/** Folders sockgrade left in a run's TMPDIR (tsx's own compile cache is not sockgrade's). */
export function leftovers(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));
}

/** A spec with the uppercase lab's two programs and nothing else, for tests of finding and copying them. */
export const uppercaseSpec: Spec = {
  name: 'tcp-uppercase',
  title: 'TCP uppercase',
  description: '',
  lab: 'tcp-uppercase',
  portFromArguments: false,
  transport: 'tcp',
  programs: {
    server: { file: 'TCPServer.py', args: [], stdin: '' },
    client: { file: 'TCPClient.py', args: [], stdin: '' },
  },
  limits: DEFAULT_LIMITS,
  checks: [],
  file: 'test.yaml',
};

/**
 * Why: `grade --isolation none` as on a machine without namespaces, but inside a network namespace
 * of the test's own, so the handout ports are free and nothing reaches the host's network.
 */
export async function sockgradeWithoutNamespaces(spec: string, samples: string[]): Promise<CliRun & { json: RunResult }> {
  const tmp = testFolder('sockgrade-test-');
  const jsonFile = path.join(testFolder('sockgrade-json-'), 'run.json');
  const args = [BIN, 'grade', '--isolation', 'none', '--spec', spec, '--json', jsonFile, ...samples];
  const child = execa('unshare', ['--user', '--map-root-user', '--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...args], {
    cwd: ROOT,
    reject: false,
    env: { TMPDIR: tmp, NO_COLOR: '1' },
    timeout: 170_000,
  });
  const result = await child;
  const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunResult;
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr), json, tmp, pid: child.pid ?? -1 };
}
