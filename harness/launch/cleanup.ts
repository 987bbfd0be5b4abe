// Everything sockgrade starts or creates is registered here, so that however sockgrade ends
// (normal exit, an error, Ctrl-C, SIGTERM from CI) no process or temporary folder is left.
import { chmodSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const groups = new Set<number>();
const folders = new Set<string>();

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

// A program may leave a folder nobody can list (chmod 000); its owner may still open it up again.
function openUp(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) openUp(path.join(dir, entry.name));
}

/** Why: a folder sockgrade made goes, whatever a program did to it; never throws, as it runs at exit. */
export function removeFolder(folder: string): void {
  folders.delete(folder);
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    try {
      openUp(folder);
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Nothing more sockgrade may do: the folder stays, in the temporary directory.
    }
  }
}

// The pids cgroups a check's programs ran in are named after its sandbox folder (confine.sh) and
// outlive them as empty folders.
function removeCgroupsOf(folder: string): void {
  const root = '/sys/fs/cgroup/pids';
  let names: string[] = [];
  try {
    names = readdirSync(root).filter((name) => name.startsWith(`${path.basename(folder)}-`));
  } catch {
    return;
  }
  for (const name of names) {
    // A daemon that cleared its environment escaped killTagged, but not its cgroup.
    try {
      const pids = readFileSync(path.join(root, name, 'cgroup.procs'), 'utf8').split('\n').map(Number);
      for (const pid of pids) if (pid > 0) signal(pid);
    } catch {
      // Already removed.
    }
    // Busy until the kernel has reaped its killed processes: a bounded wait, even at exit.
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        rmdirSync(path.join(root, name));
        break;
      } catch {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  }
}

/** Why: a check's sandbox goes with the pids cgroups its programs ran in. */
export function removeSandbox(folder: string): void {
  removeCgroupsOf(folder);
  removeFolder(folder);
}

/** Why: synchronous, so it also works inside process.on('exit'). */
export function cleanUpEverything(): void {
  for (const pid of [...groups]) killTree(pid);
  for (const folder of [...folders]) removeSandbox(folder);
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
