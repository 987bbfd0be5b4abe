// What a submission folder may hold: files, folders and symlinks that stay inside it. Anything else
// (a FIFO, a socket, a device, a link out) could hang or mislead whoever opens it: it is named, never opened.
import type { Stats } from 'node:fs';
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { escapeInline } from '../engine/escape.ts';
import { IGNORED_FOLDERS } from './find.ts';

// A submission is a few files; these bound the look before grading, not what a student may hand in.
const MAX_DEPTH = 16;
const MAX_ENTRIES = 10_000;

type Kind = Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/** Why: one wording, for reports, of what a file system entry is ("a FIFO (named pipe)"). */
export function kindOf(entry: Kind): string {
  if (entry.isFile()) return 'a file';
  if (entry.isDirectory()) return 'a folder';
  if (entry.isSymbolicLink()) return 'a symlink';
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a UNIX socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** Why: `target` (an absolute path) is `root` itself or lies under it. */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Why: a link is kept, in the submission and in each copy, only if it cannot lead out of either:
 * its target is relative, never climbs above the submission folder (the copy lies elsewhere), and,
 * where it leads anywhere, leads inside. An absolute target leads out of the copy even when it names the submission.
 */
export async function linkStaysInside(root: string, link: string): Promise<boolean> {
  const target = await readlink(link).catch(() => undefined);
  if (target === undefined || path.isAbsolute(target)) return false;
  const lexical = path.normalize(path.join(path.relative(root, path.dirname(link)), target));
  if (lexical === '..' || lexical.startsWith(`..${path.sep}`)) return false;
  // Through other links (`a -> b/..` with `b -> .`) it may still climb out: ask the kernel.
  const real = await realpath(link).catch(() => undefined);
  return real === undefined || isInside(root, real);
}

/** Why: the copy made for each program run takes only what is safe to copy (cp's filter); never opens anything. */
export async function copyable(root: string, source: string): Promise<boolean> {
  if (source === root) return true;
  if (IGNORED_FOLDERS.has(path.basename(source))) return false;
  const info = await lstat(source).catch(() => undefined);
  if (!info) return false;
  if (info.isFile() || info.isDirectory()) return true;
  return info.isSymbolicLink() && (await linkStaysInside(root, source));
}

/**
 * Why: one bounded look at the whole submission before grading; says what the first entry it may not
 * hold is and where (`a FIFO (named pipe) at "x/pipe"`), or undefined when there is none.
 */
export async function forbiddenEntry(root: string): Promise<string | undefined> {
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<string | undefined> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    // Sorted, so the file named is the same on every run.
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (++seen > MAX_ENTRIES) return undefined;
      if (IGNORED_FOLDERS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      const where = `at "${escapeInline(path.relative(root, full))}"`;
      if (entry.isDirectory()) {
        const found = depth < MAX_DEPTH ? await walk(full, depth + 1) : undefined;
        if (found) return found;
      } else if (entry.isSymbolicLink()) {
        if (!(await linkStaysInside(root, full))) return `a symlink leading out of the submission ${where}`;
      } else if (!entry.isFile()) {
        return `${kindOf(entry)} ${where}`;
      }
    }
    return undefined;
  };
  return walk(root, 0);
}
