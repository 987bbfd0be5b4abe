// The command a student program is started through: resource limits always, and inside a check's
// namespaces also its world (world.sh): a minimal read-only root, an unprivileged user, no capability.
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../spec/types.ts';

const PROGRAM_SH = fileURLToPath(new URL('../isolate/program.sh', import.meta.url));

/** Where a program runs inside its check's world, as program.sh needs it. */
export interface Placement {
  /** The world's holder process (PID 1 of the programs' PID namespace), as the worker sees it. */
  holder: number;
  /** The program's working folder as the program sees it. */
  cwd: string;
  /** The program's user ID in the check's user namespace (0: the grader's own user, without capabilities). */
  uid: number;
  /** The check's cgroup folders (memory, pids), empty where there are none. */
  cgroups: string[];
}

/** Room in RLIMIT_NPROC for the worker's own threads when programs share its user (non-root grader). */
const SHARED_USER_MARGIN = 32;

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      accessSync(`${dir}/${command}`, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const cpuSeconds = (limits: Limits) => Math.max(1, Math.ceil(limits.cpu / 1000));

/**
 * prlimit(1) arguments: the CPU limit's hard edge one second later, so SIGXCPU comes before SIGKILL.
 * RLIMIT_NPROC counts every process of the user in its user namespace: only in a check's own
 * namespace is that the check's programs (outside one, a desktop user has hundreds already).
 */
function prlimitArgs(limits: Limits, processes: number | undefined): string[] {
  const cpu = cpuSeconds(limits);
  const nproc = processes === undefined ? [] : [`--nproc=${processes}`];
  return [`--cpu=${cpu}:${cpu + 1}`, `--data=${limits.memory}`, ...nproc, `--fsize=${limits.fileSize}`, `--nofile=${limits.openFiles}`];
}

// Without prlimit (macOS, BSD): the shell's ulimit, in its units (KiB and 512-byte blocks).
function ulimitScript(limits: Limits): string {
  const settings = [`-t ${cpuSeconds(limits)}`, `-d ${Math.ceil(limits.memory / 1024)}`, `-f ${Math.ceil(limits.fileSize / 512)}`, `-n ${limits.openFiles}`];
  return `${settings.map((s) => `ulimit ${s}`).join('; ')}; exec "$@"`;
}

/** Why: one place decides how a student's command is wrapped; the command itself is shown unwrapped. */
export function confinement(limits: Limits, placement?: Placement): string[] {
  if (placement) {
    const processes = placement.uid === 0 ? limits.processes + SHARED_USER_MARGIN : limits.processes;
    const { holder, cwd, uid, cgroups } = placement;
    return ['sh', PROGRAM_SH, String(holder), cwd, String(uid), cgroups.join(':'), ...prlimitArgs(limits, processes), '--'];
  }
  if (process.platform === 'win32') return [];
  if (onPath('prlimit')) return ['prlimit', ...prlimitArgs(limits, undefined), '--'];
  return ['sh', '-c', ulimitScript(limits), 'sh'];
}
