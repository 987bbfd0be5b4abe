// Everything sockgrade starts or creates is registered here, so that however sockgrade ends
// (normal exit, an error, Ctrl-C, SIGTERM from CI) no process or temporary folder is left.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { removeCheckCgroup } from '../isolate/cgroups.ts';

const groups = new Set<number>();
const folders = new Set<string>();
const cgroups = new Set<string[]>();

/** Why: ppid links let us reach children that left the process group, before they are orphaned. */
function descendantsOf(root: number): number[] {
  if (process.platform !== 'linux') return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Why: a program and every process it started that is still its descendant. */
export function processTree(pid: number): number[] {
  return [pid, ...descendantsOf(pid)];
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Why: once a program's leader has exited, what is left of its process group dies with it. */
export function killGroup(pid: number): void {
  signal(-pid);
  groups.delete(pid);
}

/** Why: SIGKILL cannot be ignored; a student program gets no say in when its check ends. */
export function killTree(pid: number): void {
  // Looked up before the kill: afterwards the orphans belong to init and cannot be told apart.
  const descendants = descendantsOf(pid);
  killGroup(pid);
  for (const child of descendants) signal(child);
}

/** Why: a daemon that left its process group still carries the token its check put in its environment. */
export function killTagged(token: string): void {
  if (process.platform !== 'linux') return;
  const tag = `SOCKGRADE_CHECK=${token}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(tag)) signal(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
}

export function trackGroup(pid: number): void {
  groups.add(pid);
}

export function trackFolder(folder: string): void {
  folders.add(folder);
}

/** Why: a check's cgroups are removed however sockgrade ends. */
export function trackCgroups(dirs: string[]): void {
  cgroups.add(dirs);
}

export function untrackCgroups(dirs: string[]): void {
  cgroups.delete(dirs);
}

// coreutils' rm walks a tree by file descriptors (openat, never following a link, whatever its
// depth) and chmod -R changes no mode through a link: a program that swaps a folder for a link to
// the host while the tree is removed gets nothing (chmod only adds the owner's bits, its worst
// case through a link). Node's rmSync follows paths, and cannot.
function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  return result.status === 0;
}

/** Why: a folder sockgrade made goes, whatever a program did to it; never throws, as it runs at exit. */
export function removeFolder(folder: string): void {
  folders.delete(folder);
  // A check's folder in its namespaces held only mounts, gone with them: it is empty on the host.
  try {
    rmdirSync(folder);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
  }
  if (process.platform !== 'linux') {
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Nothing more sockgrade may do: the folder stays, in the temporary directory.
    }
    return;
  }
  if (run('rm', ['-rf', '--one-file-system', '--', folder])) return;
  // A folder a program locked (chmod 000) can be opened up again by its owner.
  run('chmod', ['-R', 'u+rwx', '--', folder]);
  run('rm', ['-rf', '--one-file-system', '--', folder]);
}

/**
 * Why: in a worker, its check's folder goes once everything the check started is dead and the
 * mounts its namespace put there (the world) are gone: then, in a namespace, it is an empty folder.
 */
export function releaseSandbox(sandbox: string): void {
  cleanUpEverything();
  if (process.platform === 'linux') spawnSync('umount', ['--recursive', '--lazy', sandbox], { stdio: 'ignore' });
  removeFolder(sandbox);
}

/** Why: synchronous, so it also works inside process.on('exit'). */
export function cleanUpEverything(): void {
  for (const pid of [...groups]) killTree(pid);
  for (const folder of [...folders]) removeFolder(folder);
  for (const dirs of [...cgroups]) removeCheckCgroup(dirs);
  cgroups.clear();
}

let installed = false;
/** Why: a grader interrupted in CI must still leave a clean machine. */
export function installExitCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanUpEverything);
  for (const [name, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(name, () => {
      cleanUpEverything();
      process.stderr.write(`\nsockgrade: stopped by ${name}; all programs it started were killed\n`);
      process.exit(code);
    });
  }
}
