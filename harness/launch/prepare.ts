// Preparing a submission: which command runs each role, and a fresh private copy per program run.
import { constants } from 'node:fs';
import { cp, lstat, mkdtemp, open, readdir, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { escapeInline } from '../engine/escape.ts';
import type { Role, Spec } from '../spec/types.ts';
import { trackFolder } from './cleanup.ts';
import { findRoleFile } from './find.ts';
import { commandFor } from './runner.ts';
import { copyable, forbiddenEntry, kindOf, linkStaysInside } from './special.ts';

export const MANIFEST_NAMES = ['sockgrade.yaml', 'sockgrade.yml', 'sockgrade.json'];
// A manifest is a few lines; anything bigger is not one, and is not read into memory.
export const MANIFEST_MAX_BYTES = 64 * 1024;

/** How one role of a submission is run; paths are relative to the submission folder. */
export interface RoleProgram {
  command: string[];
  cwd: string;
  interpreterIsOurs: boolean;
  /** What was found, for reports: `udp/UDPServer.py` or `sockgrade.yaml`. */
  source: string;
  /** Environment variables a manifest names for the programs (`env:`). */
  env?: Record<string, string>;
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
  // The name is the user's, and may hold anything a terminal would obey.
  const shown = escapeInline(dir);
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new SubmissionError(`${shown}: no such submission folder`);
  if (!info.isDirectory()) {
    const hint = /\.(zip|tar|tgz|gz)$/i.test(dir) ? ' (unpack the archive and pass the folder)' : '';
    throw new SubmissionError(`${shown}: is ${info.isFile() ? 'a file' : kindOf(info)}, not a submission folder${hint}`);
  }
  if ((await readdir(dir)).length === 0) throw new SubmissionError(`${shown}: the submission folder is empty`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1).replace(/\.0$/, '')} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Why: the manifest is the one file sockgrade itself reads from a submission: only a regular file
 * inside it, at most MANIFEST_MAX_BYTES, and never a FIFO or device that would hang or flood the read.
 */
async function readManifestFile(root: string, name: string): Promise<{ text: string } | { problem: string } | undefined> {
  const file = path.join(root, name);
  const info = await lstat(file).catch(() => undefined);
  if (!info) return undefined;
  let target = file;
  if (info.isSymbolicLink()) {
    if (!(await linkStaysInside(root, file))) return { problem: `${name} is a symlink leading out of the submission` };
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined) return { problem: `${name} is a symlink leading nowhere` };
    target = real;
  }
  // O_NONBLOCK: a FIFO swapped in after the lstat still cannot hang the open; O_NOFOLLOW: nor can a new symlink lead out.
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
  const handle = await open(target, flags).catch((error: NodeJS.ErrnoException) => error);
  if (!('fd' in handle)) return { problem: `${name} cannot be read (${handle.code ?? handle.message})` };
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { problem: `${name} is ${kindOf(opened)}, not a file` };
    const tooBig = (size: number) => ({ problem: `${name} is ${formatBytes(size)}; a manifest is at most ${formatBytes(MANIFEST_MAX_BYTES)}` });
    if (opened.size > MANIFEST_MAX_BYTES) return tooBig(opened.size);
    // One byte more than allowed tells a file that grew since the fstat.
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(MANIFEST_MAX_BYTES + 1), 0, MANIFEST_MAX_BYTES + 1, 0);
    if (bytesRead > MANIFEST_MAX_BYTES) return tooBig(bytesRead);
    return { text: buffer.subarray(0, bytesRead).toString('utf8') };
  } finally {
    await handle.close();
  }
}

// The manifest lets C, Java or Go submissions say how each role runs: `server: ./server`.
function manifestRoles(name: string, text: string, spec: Spec): Submission['roles'] {
  let data: any;
  try {
    data = parseYaml(text);
  } catch (error) {
    return everyRole(spec, `${name} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const env = manifestEnv(data?.env);
  if (typeof env === 'string') return everyRole(spec, `${name}: ${env}`);
  const roles: Submission['roles'] = {};
  for (const role of Object.keys(spec.programs) as Role[]) {
    const entry = data?.[role];
    const words = typeof entry === 'string' ? entry.trim().split(/\s+/) : Array.isArray(entry) ? entry.map(String) : undefined;
    roles[role] = words?.length && words[0]
      ? { command: words, cwd: '.', interpreterIsOurs: false, source: name, ...(env ? { env } : {}) }
      : { problem: `${name} has no command for the ${role} (e.g. "${role}: ./${role}")` };
  }
  return roles;
}

// `env:` in a manifest: names the programs need (JAVA_OPTS, a library path), strings only.
function manifestEnv(entry: unknown): Record<string, string> | string | undefined {
  if (entry === undefined || entry === null) return undefined;
  if (typeof entry !== 'object' || Array.isArray(entry)) return 'env must be a mapping of NAME: value';
  for (const [key, value] of Object.entries(entry)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `env: ${escapeInline(Buffer.from(key))} is not a variable name`;
    if (typeof value !== 'string' && typeof value !== 'number') return `env: ${key} must be a string`;
  }
  return Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, String(value)]));
}

function everyRole(spec: Spec, problem: string): Submission['roles'] {
  return Object.fromEntries(Object.keys(spec.programs).map((role) => [role, { problem }]));
}

/** Why: resolves every role once per submission; problems become failed checks, not crashes. */
export async function prepareSubmission(spec: Spec, dir: string): Promise<Submission> {
  // A folder given as a symlink is graded as the folder it leads to; reports keep the name given.
  const absolute = await realpath(path.resolve(dir)).catch(() => path.resolve(dir));
  let manifest: { name: string; text: string } | undefined;
  for (const name of MANIFEST_NAMES) {
    const read = await readManifestFile(absolute, name);
    if (read && 'problem' in read) return { dir: absolute, roles: everyRole(spec, read.problem) };
    if (read) {
      manifest = { name, ...read };
      break;
    }
  }
  // A student must not be able to turn their failures into sockgrade's error with a file no one can copy.
  const forbidden = await forbiddenEntry(absolute);
  if (forbidden) {
    return { dir: absolute, roles: everyRole(spec, `submission holds ${forbidden}: a submission may hold only files, folders and links inside it`) };
  }
  if (manifest) return { dir: absolute, roles: manifestRoles(manifest.name, manifest.text, spec) };
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

/**
 * Why: each program run gets a private copy, so files it writes never leak into the next run. Links
 * are copied as links (never followed), and what is not a file, folder or inside link is left out, so a copy never throws.
 */
export async function copySubmission(dir: string, into = tmpdir()): Promise<string> {
  const copy = await mkdtemp(path.join(into, 'copy-'));
  trackFolder(copy);
  await cp(dir, copy, { recursive: true, verbatimSymlinks: true, filter: (source) => copyable(dir, source) });
  return copy;
}
