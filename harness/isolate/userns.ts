// Who a check's programs are, and how a worker is started as root of a fresh user namespace with
// that mapping. As root, sockgrade writes the namespace's ID map itself: its own root, plus one
// unprivileged user of the host for the programs. Otherwise the map is the grader's user alone.
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { execa, type Options, type ResultPromise } from 'execa';

const ENTER_SH = fileURLToPath(new URL('../isolate/enter.sh', import.meta.url));

// Until its map is written a namespace's processes are nobody: capabilities are granted at execve,
// so the shell waits for "go" (fd 3) before it executes enter.sh, which it may not even read before.
const AWAIT_MAP = 'read -r go <&3 && [ "$go" = go ] && exec 3<&- && exec sh "$0" "$@"; exit 125';

/** The programs' user ID inside a check's user namespace when sockgrade runs as root. */
const PROGRAM_UID = 1000;
/** The host user that ID stands for: nobody, unless SOCKGRADE_PROGRAM_UID names another. */
const HOST_UID = Number(process.env.SOCKGRADE_PROGRAM_UID ?? 65534);

/** The programs' user ID in the check's namespace (0: the grader's own user, without capabilities) and on the host. */
export interface Identity {
  programUid: number;
  hostUid: number;
}

// Whether `uid` exists where sockgrade runs: root of a container whose user namespace maps only
// itself cannot give the programs another user, and grades as an ordinary user does.
function mapped(uid: number): boolean {
  try {
    return readFileSync('/proc/self/uid_map', 'utf8').trim().split('\n').some((line) => {
      const [inner, , count] = line.trim().split(/\s+/).map(Number);
      return uid >= inner && uid < inner + count;
    });
  } catch {
    return false;
  }
}

/** Why: decided once; as root the programs are never root, on the host or anywhere. */
export function identity(): Identity {
  const uid = process.getuid?.() ?? -1;
  return uid === 0 && mapped(HOST_UID) ? { programUid: PROGRAM_UID, hostUid: HOST_UID } : { programUid: 0, hostUid: uid };
}

/** Why: the prefix that starts a process as PID 1 of fresh namespaces; all it leaves dies with it. */
function namespacePrefix(who: Identity): string[] {
  const map = who.programUid === 0 ? ['--map-root-user'] : [];
  return ['unshare', '--user', ...map, '--net', '--pid', '--ipc', '--uts', '--fork', '--mount', '--kill-child', 'sh', '-c', AWAIT_MAP, ENTER_SH];
}

// unshare(2) has run once the process's user namespace is no longer ours: then its map can be written.
async function writeIdMap(pid: number, who: Identity): Promise<void> {
  const own = readlinkSync('/proc/self/ns/user');
  const deadline = performance.now() + 5000;
  while (readlinkSync(`/proc/${pid}/ns/user`) === own) {
    if (performance.now() > deadline) throw new Error('unshare did not make a user namespace within 5s');
    await sleep(1);
  }
  // One write each: the kernel takes a map only whole.
  const map = `0 0 1\n${who.programUid} ${who.hostUid} 1\n`;
  writeFileSync(`/proc/${pid}/uid_map`, map);
  writeFileSync(`/proc/${pid}/gid_map`, map);
}

/** Why: one way into a check's namespaces, for its worker and for the probe; enter.sh waits for the map. */
export function startInNamespaces(command: string[], who: Identity, options: Options): ResultPromise {
  const [file, ...args] = [...namespacePrefix(who), ...command];
  // fd 3 carries enter.sh's "go".
  const child = execa(file, args, { ...options, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] }) as unknown as ResultPromise;
  const go = (child.stdio as unknown[])[3] as NodeJS.WritableStream;
  go.on('error', () => {});
  const mapped = who.programUid === 0 || child.pid === undefined ? Promise.resolve() : writeIdMap(child.pid, who);
  // A map that cannot be written leaves enter.sh waiting: closing fd 3 without "go" ends it.
  mapped.then(() => go.end('go\n'), () => go.end());
  return child;
}
