// One cgroup per check (memory and pids), so that all the check's programs together, their shared
// memory and the files they keep in memory (the sandbox is a tmpfs) included, stay under its limits.
// cgroup v1 (one hierarchy per controller) and v2 (one unified hierarchy) both work; where neither
// lets sockgrade make a child of its own cgroup (not root, no delegation), the run says so once.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = '/sys/fs/cgroup';

/** Where per-check cgroups are made, or why they cannot be. */
export type CgroupSupport = { version: 1 | 2; parents: string[] } | { reason: string };

interface Parents {
  version: 1 | 2;
  memory: string;
  pids: string;
}

// The folders of sockgrade's own cgroups, from /proc/self/cgroup ("4:memory:/a/b", "0::/a/b").
function ownCgroups(): Parents | string {
  let lines: string[];
  try {
    lines = readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n');
  } catch {
    return 'no /proc/self/cgroup';
  }
  const v1 = (controller: string) => {
    const line = lines.find((l) => l.split(':')[1]?.split(',').includes(controller));
    return line && existsSync(path.join(ROOT, controller)) ? path.join(ROOT, controller, line.split(':').slice(2).join(':')) : undefined;
  };
  const [memory, pids] = [v1('memory'), v1('pids')];
  if (memory && pids) return { version: 1, memory, pids };
  const unified = lines.find((l) => l.startsWith('0::'));
  if (unified && existsSync(path.join(ROOT, 'cgroup.controllers'))) {
    const own = path.join(ROOT, unified.slice(3));
    return { version: 2, memory: own, pids: own };
  }
  return 'no memory and pids cgroup controllers';
}

/** Why: asked once per run by making (and removing) a real cgroup with limits. */
export function probeCgroups(): CgroupSupport {
  if (process.platform !== 'linux') return { reason: `cgroups exist only on Linux, not ${process.platform}` };
  const own = ownCgroups();
  if (typeof own === 'string') return { reason: own };
  const support = { version: own.version, parents: [...new Set([own.memory, own.pids])] };
  try {
    if (own.version === 2) {
      const enabled = readFileSync(path.join(own.memory, 'cgroup.subtree_control'), 'utf8');
      if (!/\bmemory\b/.test(enabled) || !/\bpids\b/.test(enabled)) writeFileSync(path.join(own.memory, 'cgroup.subtree_control'), '+memory +pids');
    }
    const probe = makeCheckCgroup(checkCgroupDirs(support, `sockgrade-probe-${process.pid}`), 64 << 20, 8);
    removeCheckCgroup(probe);
    return support;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { reason: `cannot make a cgroup under ${own.memory} (${code ?? (error as Error).message}; run as root, or in a cgroup delegated to this user)` };
  }
}

/** Why: where a check's cgroup folders are, named before anything makes them. */
export function checkCgroupDirs(support: CgroupSupport, name: string): string[] {
  return 'parents' in support ? support.parents.map((parent) => path.join(parent, name)) : [];
}

/** Why: the check's own cgroup folders, made with its limits (by its worker) before any of its programs starts. */
export function makeCheckCgroup(dirs: string[], memory: number, processes: number): string[] {
  if (dirs.length === 0) return dirs; // none here: said once at the start
  // cgroup v1 has a hierarchy (a parent folder) per controller, v2 one for all.
  const version = dirs.length > 1 ? 1 : 2;
  const made: string[] = [];
  try {
    for (const dir of dirs) {
      mkdirSync(dir);
      made.push(dir);
    }
    const set = (dir: string, file: string, value: number | string) => writeFileSync(path.join(dir, file), String(value));
    const optional = (dir: string, file: string, value: number | string) => existsSync(path.join(dir, file)) && set(dir, file, value);
    if (version === 1) {
      const [memoryDir, pidsDir] = [dirs.find((d) => d.includes('/memory/'))!, dirs.find((d) => d.includes('/pids/'))!];
      set(memoryDir, 'memory.limit_in_bytes', memory);
      // With swap accounting, swap counts too: the limit is not a way to swap the machine to death.
      optional(memoryDir, 'memory.memsw.limit_in_bytes', memory);
      set(pidsDir, 'pids.max', processes);
    } else {
      set(dirs[0], 'memory.max', memory);
      optional(dirs[0], 'memory.swap.max', 0);
      set(dirs[0], 'pids.max', processes);
    }
    return dirs;
  } catch (error) {
    removeCheckCgroup(made);
    throw error;
  }
}

/** Why: whether the kernel killed one of the check's programs for going over its memory limit. */
export function oomKills(dirs: string[]): number {
  for (const dir of dirs) {
    for (const file of ['memory.oom_control', 'memory.events']) {
      try {
        const match = /^oom_kill (\d+)$/m.exec(readFileSync(path.join(dir, file), 'utf8'));
        if (match) return Number(match[1]);
      } catch {
        // Not this controller or version.
      }
    }
  }
  return 0;
}

/** Why: a check's cgroups go once their processes are dead; bounded, synchronous (it also runs at exit). */
export function removeCheckCgroup(dirs: string[]): void {
  for (const dir of dirs) {
    try {
      for (const pid of readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').map(Number)) {
        if (pid > 0) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
    } catch {
      continue; // already removed
    }
    // Busy until the kernel has reaped the killed processes.
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  }
}

/** Why: a check's cgroup is named after the sockgrade process that made it, so its leftovers can be found. */
export function checkCgroupName(sandbox: string, pid = process.pid): string {
  return `sockgrade-${pid}-${path.basename(sandbox).replace(/^sockgrade-check-/, '')}`;
}

/** Why: the cgroups sockgrade process `pid` made and left, for tests and clean-up tools. */
export function cgroupsLeftBy(pid: number): string[] {
  const own = ownCgroups();
  if (typeof own === 'string') return [];
  return [...new Set([own.memory, own.pids])].flatMap((parent) => {
    try {
      return readdirSync(parent).filter((name) => name.startsWith(`sockgrade-${pid}-`)).map((name) => path.join(parent, name));
    } catch {
      return [];
    }
  });
}
