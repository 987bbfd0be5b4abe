// Preparing a submission: which command runs each role, and a fresh private copy per program run.
import { cp, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Role, Spec } from '../spec/types.ts';
import { trackFolder } from './cleanup.ts';
import { findRoleFile, IGNORED_FOLDERS } from './find.ts';
import { commandFor } from './runner.ts';

export const MANIFEST_NAMES = ['sockgrade.yaml', 'sockgrade.yml', 'sockgrade.json'];

/** How one role of a submission is run; paths are relative to the submission folder. */
export interface RoleProgram {
  command: string[];
  cwd: string;
  interpreterIsOurs: boolean;
  /** What was found, for reports: `udp/UDPServer.py` or `sockgrade.yaml`. */
  source: string;
}

/** Why a role cannot run; `ours` when sockgrade is at fault (e.g. no Python), not the student. */
export interface RoleProblem {
  problem: string;
  ours?: boolean;
}

export interface Submission {
  dir: string;
  roles: Partial<Record<Role, RoleProgram | RoleProblem>>;
}

/** Bad command-line input about a submission folder: sockgrade exits with status 2. */
export class SubmissionError extends Error {}

/** Why: a missing or empty folder is the user's mistake, caught before any grading starts. */
export async function checkSubmissionFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new SubmissionError(`${dir}: no such submission folder`);
  if (!info.isDirectory()) {
    const hint = /\.(zip|tar|tgz|gz)$/i.test(dir) ? ' (unpack the archive and pass the folder)' : '';
    throw new SubmissionError(`${dir}: is a file, not a submission folder${hint}`);
  }
  if ((await readdir(dir)).length === 0) throw new SubmissionError(`${dir}: the submission folder is empty`);
}

// The manifest lets C, Java or Go submissions say how each role runs: `server: ./server`.
async function readManifest(dir: string, spec: Spec): Promise<Submission['roles'] | undefined> {
  for (const name of MANIFEST_NAMES) {
    const text = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const roles: Submission['roles'] = {};
    let data: any;
    try {
      data = parseYaml(text);
    } catch (error) {
      const problem = `${name} is not valid YAML: ${(error as Error).message.split('\n')[0]}`;
      for (const role of Object.keys(spec.programs) as Role[]) roles[role] = { problem };
      return roles;
    }
    for (const role of Object.keys(spec.programs) as Role[]) {
      const entry = data?.[role];
      const words = typeof entry === 'string' ? entry.trim().split(/\s+/) : Array.isArray(entry) ? entry.map(String) : undefined;
      roles[role] = words?.length && words[0]
        ? { command: words, cwd: '.', interpreterIsOurs: false, source: name }
        : { problem: `${name} has no command for the ${role} (e.g. "${role}: ./${role}")` };
    }
    return roles;
  }
  return undefined;
}

/** Why: resolves every role once per submission; problems become failed checks, not crashes. */
export async function prepareSubmission(spec: Spec, dir: string): Promise<Submission> {
  const absolute = path.resolve(dir);
  const fromManifest = await readManifest(absolute, spec);
  if (fromManifest) return { dir: absolute, roles: fromManifest };
  const roles: Submission['roles'] = {};
  for (const [role, program] of Object.entries(spec.programs) as [Role, { file: string }][]) {
    const found = await findRoleFile(absolute, role, program.file);
    if ('problem' in found) {
      roles[role] = found;
      continue;
    }
    try {
      const { command, interpreterIsOurs } = await commandFor(path.join(absolute, found.file));
      roles[role] = { command, interpreterIsOurs, cwd: path.dirname(found.file), source: found.file };
    } catch (error) {
      roles[role] = { problem: (error as Error).message, ours: true };
    }
  }
  return { dir: absolute, roles };
}

/** Why: each program run gets a private copy, so files it writes never leak into the next run. */
export async function copySubmission(dir: string, into = tmpdir()): Promise<string> {
  const copy = await mkdtemp(path.join(into, 'copy-'));
  trackFolder(copy);
  await cp(dir, copy, {
    recursive: true,
    filter: (source) => source === dir || !IGNORED_FOLDERS.has(path.basename(source)),
  });
  return copy;
}
