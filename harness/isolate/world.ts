// A check's world, seen from its worker: what world.sh is asked to show the programs, and the
// holder process of the programs' PID and mount namespace, started once per check and killed at its end.
import { spawn } from 'node:child_process';
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { execa } from 'execa';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../launch/program.ts';
import { killTree, trackGroup } from '../launch/cleanup.ts';

const WORLD_SH = fileURLToPath(new URL('../isolate/world.sh', import.meta.url));
/** sockgrade's own folder: hidden wherever it lies inside what programs see (a global install in /usr). */
const SOCKGRADE_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

// The system's programs and libraries; on merged-/usr systems most of these are links into /usr.
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
// What the dynamic loader and `update-alternatives` programs read.
const SYSTEM_FILES = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/alternatives'];
const START_MS = 10_000;
// Inside the world, where /sandbox is read-only: one folder of it made writable.
const GRANT = 'mount --bind "$1" "$1" && exec mount -o remount,bind,rw,nosuid,nodev "$1"';

const inside = (child: string, parent: string) => child === parent || child.startsWith(`${parent}/`);

/** Why: the one list of what a program may see (read-only); `needs` are its interpreter's own folders. */
export function worldOps(needs: string[]): string[] {
  const ops: string[] = [];
  const shown: string[] = [];
  for (const top of SYSTEM) {
    const info = lstatSync(top, { throwIfNoEntry: false });
    if (info?.isSymbolicLink()) ops.push(`link ${top} ${readlinkSync(top)}`);
    else if (info?.isDirectory()) {
      ops.push(`bind ${top}`);
      shown.push(top);
    }
  }
  for (const file of SYSTEM_FILES) if (lstatSync(file, { throwIfNoEntry: false })) ops.push(`bind ${file}`);
  if (shown.some((dir) => inside(SOCKGRADE_ROOT, dir))) ops.push(`hide ${SOCKGRADE_ROOT}`);
  for (const need of [...new Set(needs)]) {
    // A path world.sh could misread (a newline) or one already shown is left as it is.
    if (/\n/.test(need) || !path.isAbsolute(need) || shown.some((dir) => inside(need, dir) && !inside(need, SOCKGRADE_ROOT))) continue;
    ops.push(`bind ${need}`);
    shown.push(need);
  }
  return ops;
}

export class World {
  private constructor(
    /** The `unshare` process whose child holds the namespaces. */
    private readonly pid: number,
    /** PID 1 of the programs' PID namespace, as the worker sees it. */
    readonly holder: number,
  ) {}

  /** Why: built once per check, on its first program; a world that cannot be built is sockgrade's error. */
  static start(root: string, disk: number, uid: number, ops: string[]): Promise<World> {
    const child = spawn('sh', [WORLD_SH, 'build', root, String(disk), String(uid), ops.join('\n')], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) trackGroup(child.pid);
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (child.pid !== undefined) killTree(child.pid);
        reject(new HarnessError(`sockgrade could not build the programs' file system: ${why}`));
      };
      const timer = setTimeout(() => fail(`world.sh did not finish within ${START_MS / 1000}s`), START_MS);
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /^ready (\d+)$/m.exec(out);
        if (!ready || settled) return;
        settled = true;
        clearTimeout(timer);
        child.stdout.destroy();
        child.stderr.destroy();
        resolve(new World(child.pid!, Number(ready[1])));
      });
      child.on('error', (error) => fail(error.message));
      child.on('exit', (code, signal) => fail(err.trim().split('\n').at(-1)?.replace(/^sockgrade: /, '') || `world.sh ended with ${signal ?? `status ${code}`}`));
    });
  }

  /** Why: a program may write only in its own folder, and only once the worker is done making it. */
  async grant(folder: string): Promise<void> {
    const run = await execa('nsenter', ['--target', String(this.holder), '--mount', '--', 'sh', '-c', GRANT, 'grant', folder], {
      reject: false,
      extendEnv: false,
      env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' },
    });
    if (run.exitCode !== 0) throw new HarnessError(`sockgrade could not let the program write in its folder: ${String(run.stderr).trim() || `status ${run.exitCode ?? run.signal}`}`);
  }

  /** Why: the holder's death ends the programs' PID namespace: every process left in it dies. */
  stop(): void {
    killTree(this.pid);
  }
}

// node_modules/tsx/dist/loader.mjs → node_modules: a loader sockgrade adds needs its whole package tree.
function nodeModules(file: string): string | undefined {
  const at = file.lastIndexOf('/node_modules/');
  return at < 0 ? undefined : file.slice(0, at + '/node_modules'.length);
}

/** Why: an interpreter outside /usr (pyenv, nvm, a venv) is shown to its programs with its own tree. */
export function interpreterNeeds(command: string[]): string[] {
  const needs: string[] = [];
  for (const word of command.filter((w) => path.isAbsolute(w))) {
    let real: string;
    try {
      real = realpathSync(word);
    } catch {
      continue;
    }
    const modules = nodeModules(real);
    if (modules) needs.push(modules);
    // bin/python3 → its installation; a virtual environment's link to another one → both.
    for (const file of new Set([word, real])) if (path.basename(path.dirname(file)) === 'bin') needs.push(path.dirname(path.dirname(file)));
  }
  return needs;
}
