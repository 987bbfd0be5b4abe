// The command a student program is started through: resource limits always, and inside a private
// namespace also a read-only view of every file system but the check's sandbox folder.
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../spec/types.ts';

const CONFINE_SH = fileURLToPath(new URL('../isolate/confine.sh', import.meta.url));

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

/**
 * prlimit(1) arguments: the CPU limit's hard edge one second later, so SIGXCPU comes before SIGKILL.
 * RLIMIT_NPROC counts every process of the user in its user namespace: only in the program's own
 * namespace is that the program's processes (outside one, a desktop user has hundreds already).
 */
const cpuSeconds = (limits: Limits) => Math.max(1, Math.ceil(limits.cpu / 1000));

function prlimitArgs(limits: Limits, ownNamespace: boolean): string[] {
  const cpu = cpuSeconds(limits);
  const processes = ownNamespace ? [`--nproc=${limits.processes}`] : [];
  return [`--cpu=${cpu}:${cpu + 1}`, `--data=${limits.memory}`, ...processes, `--fsize=${limits.fileSize}`, `--nofile=${limits.openFiles}`];
}

// Without prlimit (macOS, BSD): the shell's ulimit, in its units (KiB and 512-byte blocks).
function ulimitScript(limits: Limits): string {
  const settings = [
    `-t ${cpuSeconds(limits)}`,
    `-d ${Math.ceil(limits.memory / 1024)}`,
    `-f ${Math.ceil(limits.fileSize / 512)}`,
    `-n ${limits.openFiles}`,
  ];
  return `${settings.map((s) => `ulimit ${s}`).join('; ')}; exec "$@"`;
}

/** Why: one place decides how a student's command is wrapped; the command itself is shown unwrapped. */
export function confinement(limits: Limits, sandbox: string, isolated: boolean): string[] {
  if (isolated) return ['unshare', '--mount', 'sh', CONFINE_SH, sandbox, String(limits.processes), ...prlimitArgs(limits, true), '--'];
  if (process.platform === 'win32') return [];
  if (onPath('prlimit')) return ['prlimit', ...prlimitArgs(limits, false), '--'];
  return ['sh', '-c', ulimitScript(limits), 'sh'];
}
