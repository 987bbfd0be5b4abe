// Finding the file a submission provides for a role: students rename, nest and re-case their files.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { escapeInline } from '../engine/escape.ts';
import { isExecutableFile, RUNNABLE_EXTENSIONS } from './runner.ts';

/** Folders that never hold a student's program but can be large: neither searched nor copied. */
export const IGNORED_FOLDERS = new Set(['.git', 'node_modules', '__pycache__', '__MACOSX', '.venv', 'venv', '.idea', '.vscode']);
const MAX_DEPTH = 4;

export type Found = { file: string } | { problem: string };

// What students hand in instead of the program: a compiled file, an archive, an image, a PDF.
const BINARY_MAGIC = ['\x7fELF', 'PK\x03\x04', '\x1f\x8b', '\x89PNG', '\xff\xd8\xff', 'GIF8', '%PDF-'].map((m) => Buffer.from(m, 'latin1'));
const ARCHIVE = /\.(zip|tar|tar\.gz|tgz|7z|rar)$/i;
const UNPACK: Record<string, string> = { zip: 'unzip', '7z': '7z x', rar: 'unrar x' };

/** Why: a .py that is really a binary fails later with a baffling SyntaxError; say what it is instead. */
async function holdsBinaryData(file: string): Promise<boolean> {
  // O_NONBLOCK and O_NOFOLLOW: a FIFO or link put in place of the file cannot hang or redirect the read.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return false; // unreadable: let running it say so
  try {
    if (!(await handle.stat()).isFile()) return false;
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    const head = buffer.subarray(0, bytesRead);
    return head.includes(0) || BINARY_MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic));
  } finally {
    await handle.close();
  }
}

function archiveHint(files: string[]): string {
  const archives = files.filter((rel) => ARCHIVE.test(rel));
  if (archives.length === 0) return '';
  const commands = archives.map((rel) => `${UNPACK[ARCHIVE.exec(rel)![1].toLowerCase()] ?? 'tar xf'} ${escapeInline(rel)}`);
  return `; the folder holds ${archives.map((rel) => escapeInline(rel)).join(', ')}: unpack ${archives.length === 1 ? 'it' : 'them'} (${commands.join('; ')}) and grade the unpacked folder`;
}

async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, depth: number) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH && !IGNORED_FOLDERS.has(entry.name)) await walk(full, depth + 1);
      // Only regular files: a FIFO, socket or device is never a program, and opening one could hang.
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
    return { problem: `no ${role} program found: expected ${expected} (any case, or the same name in another supported language)${archiveHint(files)}` };
  }
  const exact = candidates.filter((rel) => path.basename(rel).toLowerCase() === wanted);
  const chosen = exact.length === 1 ? exact : candidates;
  if (chosen.length > 1) {
    return { problem: `more than one ${role} program found (${chosen.map((rel) => escapeInline(rel)).join(', ')}): keep one, or name it in a sockgrade.yaml manifest` };
  }
  const file = chosen[0];
  // Names are the student's and reach terminals: shown escaped.
  const shown = escapeInline(file);
  const info = await lstat(path.join(root, file)).catch(() => undefined);
  if (!info?.isFile()) return { problem: `the ${role} program ${shown} is not a regular file` };
  if (info.size === 0) return { problem: `the ${role} program ${shown} is empty` };
  const ext = path.extname(file).toLowerCase();
  if (RUNNABLE_EXTENSIONS.includes(ext) && (await holdsBinaryData(path.join(root, file)))) {
    return { problem: `the ${role} program ${shown} is not source code (it holds binary data): submit the ${ext} file itself` };
  }
  return { file };
}
