// How to run a program file, by its extension: the languages students hand in without a manifest.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execa } from 'execa';
import { HarnessError } from './program.ts';

// Resolved from sockgrade's own node_modules: a student's copy lives in a temporary folder.
const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');

/** Extensions sockgrade knows how to run; also the ones a role file may have. */
export const RUNNABLE_EXTENSIONS = ['.py', '.js', '.mjs', '.cjs', '.ts', '.mts'];

let python: Promise<string> | undefined;
/** Why: pyenv and similar put a slow shell shim first on PATH; resolve the real interpreter once. */
export function pythonInterpreter(): Promise<string> {
  const requested = process.env.SOCKGRADE_PYTHON ?? 'python3';
  python ??= execa(requested, ['-c', 'import sys; print(sys.executable)'], { reject: false, timeout: 10_000 }).then((r) => {
    if (r.exitCode !== 0 || !r.stdout.trim()) {
      throw new HarnessError(`cannot run Python programs: "${requested}" ${r.exitCode === undefined ? 'was not found' : 'failed'} (set SOCKGRADE_PYTHON to a Python 3 interpreter)`);
    }
    return r.stdout.trim();
  });
  return python;
}

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why: the command line for a program file; `interpreterIsOurs` tells whose fault a failed start is. */
export async function commandFor(file: string): Promise<{ command: string[]; interpreterIsOurs: boolean }> {
  const name = path.basename(file);
  switch (path.extname(file).toLowerCase()) {
    case '.py':
      return { command: [await pythonInterpreter(), name], interpreterIsOurs: true };
    case '.js':
    case '.mjs':
    case '.cjs':
      return { command: [process.execPath, name], interpreterIsOurs: true };
    case '.ts':
    case '.mts':
      return { command: [process.execPath, '--import', TSX_LOADER, name], interpreterIsOurs: true };
    default:
      return { command: [`./${name}`], interpreterIsOurs: false };
  }
}
