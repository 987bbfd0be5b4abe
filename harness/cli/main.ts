// The command line: arguments in, an exit status out (0 passed, 1 failed, 2 could not run).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { escapeControls } from '../engine/escape-controls.ts';
import { allPassed } from '../engine/results.ts';
import { grade } from '../engine/grade.ts';
import { randomSeed } from '../engine/inputs.ts';
import { installExitCleanup } from '../launch/cleanup.ts';
import { checkSubmissionFolder, SubmissionError } from '../launch/prepare.ts';
import { ConsoleReporter } from '../reporters/console.ts';
import { JsonReporter } from '../reporters/json.ts';
import { JUnitReporter } from '../reporters/junit.ts';
import { Multiplexer } from '../reporters/multiplexer.ts';
import type { Reporter } from '../reporters/types.ts';
import { bundledSpecNames, formatLimit, loadSpec, parseLimit, SpecError } from '../spec/load.ts';
import { DEFAULT_LIMITS, TIME_LIMITS, type Limits } from '../spec/types.ts';
import { probeIsolation, type IsolationChoice } from '../isolate/namespaces.ts';
import { workerScript } from '../isolate/bundle.ts';
import { helpText } from './help.ts';

/** Bad command-line usage: one line to stderr and exit status 2. */
class UsageError extends Error {}

function version(): string {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

async function gradeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      seed: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      isolation: { type: 'string' },
      'timeout-scale': { type: 'string' },
      limit: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(helpText());
    return 0;
  }
  if (!values.spec) throw new UsageError('grade needs --spec <name|path>');
  if (positionals.length === 0) throw new UsageError('grade needs at least one submission folder');
  if (values.seed !== undefined && !/^\d{1,15}$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
  const seed = values.seed === undefined ? randomSeed() : Number(values.seed);
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, got "${values.jobs}"`);
  const choice = values.isolation ?? 'auto';
  if (!['auto', 'namespaces', 'none'].includes(choice)) throw new UsageError(`--isolation must be auto, namespaces or none, got "${choice}"`);

  const spec = loadSpec(values.spec);
  spec.limits = adjustLimits(spec.limits, values['timeout-scale'], values.limit ?? []);
  for (const dir of positionals) await checkSubmissionFolder(dir);
  const isolation = await probeIsolation(choice as IsolationChoice, spec.limits, await workerScript());
  if (!isolation.namespaces && choice === 'namespaces') throw new UsageError(`--isolation namespaces: not available here: ${isolation.reason}`);
  if (isolation.namespaces && 'reason' in isolation.cgroups) {
    process.stderr.write(`sockgrade: no cgroups for the checks here (${isolation.cgroups.reason}); memory and processes are bounded per program (RLIMIT_DATA, RLIMIT_NPROC), not per check\n`);
  }
  // Said once per run: verdicts of programs that hard-code their port depend on it.
  if (!isolation.namespaces) {
    process.stderr.write(`sockgrade: no private network namespaces here (${isolation.reason}); checks use free ports on this machine's loopback, and a check that fails is tried again on the spec's handout port, one at a time; addresses are not followed here: a server on a port of its own or a client aimed elsewhere fails the checks that need it, not only server-port and client-address\n`);
  }
  const reporters: Reporter[] = [new ConsoleReporter()];
  if (values.junit) reporters.push(new JUnitReporter(values.junit));
  if (values.json) reporters.push(new JsonReporter(values.json));
  const multiplexer = new Multiplexer(reporters);

  const run = await grade({ spec, submissions: positionals, seed, reporters: multiplexer, isolation, jobs });
  for (const failure of multiplexer.failures) process.stderr.write(`sockgrade: ${escapeControls(failure)}\n`);
  if (multiplexer.failures.length > 0) return 2;
  return run.submissions.every(allPassed) ? 0 : 1;
}

// --timeout-scale stretches every wait for a slow machine; --limit name=value overrides one limit.
function adjustLimits(limits: Limits, scale: string | undefined, overrides: string[]): Limits {
  const adjusted = { ...limits };
  if (scale !== undefined) {
    const factor = Number(scale);
    if (!(factor > 0) || !/^[0-9.]+$/.test(scale)) throw new UsageError(`--timeout-scale must be a positive number such as 2 or 1.5, got "${scale}"`);
    for (const key of TIME_LIMITS) adjusted[key] = Math.round(adjusted[key] * factor);
  }
  for (const override of overrides) {
    const [key, value = ''] = override.split('=', 2);
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) throw new UsageError(`--limit ${override}: unknown limit "${key}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    const parsed = parseLimit(key as keyof Limits, value);
    if (parsed === undefined) throw new UsageError(`--limit ${override}: "${value}" is not a valid ${key} (e.g. ${formatLimit(key as keyof Limits, DEFAULT_LIMITS[key as keyof Limits])})`);
    adjusted[key as keyof Limits] = parsed;
  }
  return adjusted;
}

/** Why: the whole CLI as a function of argv; every error becomes one line and a status. */
export async function main(argv: string[]): Promise<number> {
  installExitCleanup();
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(helpText());
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    if (command === 'specs') {
      process.stdout.write(`${bundledSpecNames().map((name) => `${name}  ${loadSpec(name).title}`).join('\n')}\n`);
      return 0;
    }
    if (command === 'grade') return await gradeCommand(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    // Messages may quote a path or an argument the user typed: escaped, they cannot drive the terminal.
    if (error instanceof UsageError) {
      process.stderr.write(`sockgrade: ${escapeControls(error.message)} (see sockgrade --help)\n`);
      return 2;
    }
    const known = error instanceof SpecError || error instanceof SubmissionError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // Node's own messages (parseArgs) can span lines; the first says what is wrong.
    const message = escapeControls(((error as Error)?.message ?? String(error)).split('\n')[0]);
    process.stderr.write(`sockgrade: ${known ? message : `internal error: ${message}`}\n`);
    if (!known && process.env.SOCKGRADE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}
