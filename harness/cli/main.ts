// The command line: arguments in, an exit status out (0 passed, 1 failed, 2 could not run).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
import { bundledSpecNames, loadSpec, SpecError } from '../spec/load.ts';
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
    options: { spec: { type: 'string' }, junit: { type: 'string' }, json: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(helpText());
    return 0;
  }
  if (!values.spec) throw new UsageError('grade needs --spec <name|path>');
  if (positionals.length === 0) throw new UsageError('grade needs at least one submission folder');
  if (values.seed !== undefined && !/^\d{1,15}$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
  const seed = values.seed === undefined ? randomSeed() : Number(values.seed);

  const spec = loadSpec(values.spec);
  for (const dir of positionals) await checkSubmissionFolder(dir);
  const reporters: Reporter[] = [new ConsoleReporter()];
  if (values.junit) reporters.push(new JUnitReporter(values.junit));
  if (values.json) reporters.push(new JsonReporter(values.json));
  const multiplexer = new Multiplexer(reporters);

  const run = await grade({ spec, submissions: positionals, seed, reporters: multiplexer });
  for (const failure of multiplexer.failures) process.stderr.write(`sockgrade: ${failure}\n`);
  if (multiplexer.failures.length > 0) return 2;
  return run.submissions.every(allPassed) ? 0 : 1;
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
    if (error instanceof UsageError) {
      process.stderr.write(`sockgrade: ${error.message} (see sockgrade --help)\n`);
      return 2;
    }
    const known = error instanceof SpecError || error instanceof SubmissionError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // Node's own messages (parseArgs) can span lines; the first says what is wrong.
    const message = ((error as Error)?.message ?? String(error)).split('\n')[0];
    process.stderr.write(`sockgrade: ${known ? message : `internal error: ${message}`}\n`);
    if (!known && process.env.SOCKGRADE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}
