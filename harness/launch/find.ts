// Finding the file a submission provides for a role: students rename, nest and re-case their files.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isExecutableFile, RUNNABLE_EXTENSIONS } from './runner.ts';

/** Folders that never hold a student's program but can be large: neither searched nor copied. */
export const IGNORED_FOLDERS = new Set(['.git', 'node_modules', '__pycache__', '__MACOSX', '.venv', 'venv', '.idea', '.vscode']);
const MAX_DEPTH = 4;

export type Found = { file: string } | { problem: string };

async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, depth: number) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH && !IGNORED_FOLDERS.has(entry.name)) await walk(full, depth + 1);
      else if (entry.isFile()) files.push(path.relative(root, full));
    }
  };
  await walk(root, 0);
  return files.sort();
}

/** Why: `TCPServer.py` also matches `tcpserver.py`, `TcpServer.js`, `tcpserver.ts` or an executable `TCPServer`. */
export async function findRoleFile(root: string, role: string, expected: string): Promise<Found> {
  const wanted = expected.toLowerCase();
  const stem = path.parse(wanted).name;
  const files = await listFiles(root);
  const candidates = files.filter((rel) => {
    const name = path.basename(rel).toLowerCase();
    const ext = path.extname(name);
    if (name === wanted) return true;
    if (path.parse(name).name !== stem) return false;
    return RUNNABLE_EXTENSIONS.includes(ext) || (ext === '' && isExecutableFile(path.join(root, rel)));
  });
  if (candidates.length === 0) {
    return { problem: `no ${role} program found: expected ${expected} (any case, or the same name in another supported language)` };
  }
  const exact = candidates.filter((rel) => path.basename(rel).toLowerCase() === wanted);
  const chosen = exact.length === 1 ? exact : candidates;
  if (chosen.length > 1) {
    return { problem: `more than one ${role} program found (${chosen.join(', ')}): keep one, or name it in a sockgrade.yaml manifest` };
  }
  const file = chosen[0];
  const info = await stat(path.join(root, file));
  if (info.size === 0) return { problem: `the ${role} program ${file} is empty` };
  return { file };
}
