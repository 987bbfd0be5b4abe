// Linux lists every socket in /proc/net/{tcp,udp}{,6}; reading them tells whether a server has
// bound its port without connecting to it (a connection would use up a one-client server's accept).
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { Transport } from '../spec/types.ts';

export interface BoundSocket {
  address: string;
  port: number;
  inode: number;
}

const TCP_LISTEN = '0A';

function decodeAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  // IPv6: four 32-bit words, each in host (little-endian) byte order.
  const bytes: string[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let i = 3; i >= 0; i--) bytes.push(word.slice(i * 2, i * 2 + 2));
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(parseInt(bytes[i] + bytes[i + 1], 16).toString(16));
  const full = groups.join(':');
  if (full === '0:0:0:0:0:0:0:0') return '::';
  if (full === '0:0:0:0:0:0:0:1') return '::1';
  if (full.startsWith('0:0:0:0:0:ffff:')) return `::ffff:${decodeAddress(hex.slice(24))}`;
  return full;
}

/** One socket as a /proc/net row shows it (ports are numbers, addresses still hex). */
interface Row {
  localHex: string;
  localPort: number;
  remoteHex: string;
  remotePort: number;
  state: string;
  txQueue: number;
  rxQueue: number;
  inode: number;
}

// Why: the one parser of /proc/net/{tcp,udp}{,6}; null when neither file exists (not Linux).
async function rows(transport: Transport): Promise<Row[] | null> {
  const found: Row[] = [];
  let readable = false;
  for (const family of ['', '6']) {
    const text = await readFile(`/proc/net/${transport}${family}`, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    readable = true;
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const [localHex, localPortHex] = fields[1].split(':');
      const [tx, rx] = fields[4].split(':').map((hex) => parseInt(hex, 16));
      found.push({ localHex, localPort: parseInt(localPortHex, 16), remoteHex: fields[2].split(':')[0], remotePort: parseInt(fields[2].split(':')[1], 16), state: fields[3], txQueue: tx, rxQueue: rx, inode: Number(fields[9]) });
    }
  }
  return readable ? found : null;
}

/** Why: null means this system has no /proc/net (not Linux); callers then fall back. */
export async function boundSockets(transport: Transport): Promise<BoundSocket[] | null> {
  const all = await rows(transport);
  if (all === null) return null;
  return all
    .filter((row) => transport !== 'tcp' || row.state === TCP_LISTEN)
    .map((row) => ({ address: decodeAddress(row.localHex), port: row.localPort, inode: row.inode }));
}

/** Why: the address a client on this machine should use to reach a socket bound as `address`. */
export function loopbackFor(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '::1';
  if (address.startsWith('::ffff:')) return address.slice(7);
  return address;
}

export interface Queues {
  /** Sent but not yet acknowledged by the other end's kernel. */
  unacked: number;
  /** Arrived but not yet read by the program. */
  unread: number;
}

/**
 * Why: tells when bytes have been read by a program: the queues of both ends of the loopback TCP
 * connection between ports `a` and `b`, from one reading. null off Linux or when not found.
 */
export async function tcpQueues(a: number, b: number): Promise<{ a: Queues; b: Queues } | null> {
  const all = (await rows('tcp')) ?? [];
  const end = (local: number, remote: number) => all.find((row) => row.localPort === local && row.remotePort === remote);
  const [ofA, ofB] = [end(a, b), end(b, a)];
  if (!ofA || !ofB) return null;
  const queues = (row: Row): Queues => ({ unacked: row.txQueue, unread: row.rxQueue });
  return { a: queues(ofA), b: queues(ofB) };
}

/** A socket a program holds, as a diagnosis tells it. */
export interface HeldSocket {
  transport: Transport;
  state: 'listening' | 'bound' | 'connecting' | 'connected';
  local: { address: string; port: number };
  remote?: { address: string; port: number };
}

const TCP_STATES: Record<string, HeldSocket['state']> = { '01': 'connected', '02': 'connecting', [TCP_LISTEN]: 'listening' };

async function socketInodes(pid: number): Promise<number[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return links.flatMap((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1] ?? []).map(Number);
}

/** Why: "listening on 12000, was asked to listen on 41234" needs the sockets of these processes (Linux). */
export async function socketsOf(pids: number[]): Promise<HeldSocket[]> {
  const inodes = new Set((await Promise.all(pids.map(socketInodes))).flat());
  const held: HeldSocket[] = [];
  for (const transport of ['tcp', 'udp'] as const) {
    for (const row of (await rows(transport)) ?? []) {
      if (!inodes.has(row.inode)) continue;
      const remote = row.remotePort !== 0 ? { address: decodeAddress(row.remoteHex), port: row.remotePort } : undefined;
      const state = transport === 'udp' ? (remote ? 'connected' : 'bound') : TCP_STATES[row.state];
      if (state) held.push({ transport, state, local: { address: decodeAddress(row.localHex), port: row.localPort }, ...(remote ? { remote } : {}) });
    }
  }
  return held;
}
