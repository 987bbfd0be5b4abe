// What crossed a check's private loopback: where a client went, and whether a server heard it.
// watch-packets.py reads the namespace's loopback (a packet socket needs CAP_NET_RAW, which only
// sockgrade's worker has there) and reports each flow's first packets.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Waiters } from '../engine/waiters.ts';

// Relative to harness/: the worker runs from a bundle in harness/.bundle.
const SCRIPT = fileURLToPath(new URL('../peers/watch-packets.py', import.meta.url));
const START_LIMIT_MS = 5000;
// Lookups go to the check's own name server (dns.ts): they are not where a program went.
const DNS = 53;
// settle()'s markers go to the discard port: nothing of a check's listens there.
const DISCARD = 9;

export interface Packet {
  /** CLOCK_MONOTONIC, as process.hrtime.bigint() reads it. */
  at: bigint;
  proto: 'tcp' | 'udp';
  /** syn, fin and rst are TCP's; data is a flow direction's first payload; unreachable: a datagram no socket took. */
  kind: 'syn' | 'fin' | 'rst' | 'data' | 'unreachable';
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

/** Where a program sent its first connection or datagram. */
export interface Destination {
  address: string;
  port: number;
}

function parse(line: string): Packet | undefined {
  const [at, proto, kind, src, sport, dst, dport] = line.split(' ');
  if (dport === undefined) return undefined;
  return { at: BigInt(at), proto: proto as Packet['proto'], kind: kind as Packet['kind'], src, sport: Number(sport), dst, dport: Number(dport) };
}

/** Why: a check's own view of its network, started before the programs it is to see. */
export class PacketLog {
  readonly packets: Packet[] = [];
  private readonly waiters = new Waiters();
  /** Where the last client's packets begin: what came before was another program's (a server's own). */
  private since = 0;

  private constructor(private readonly child: ChildProcess) {}

  /** Undefined when it cannot watch (no python3, no packet socket): addresses are then not followed. */
  static async start(python: string): Promise<PacketLog | undefined> {
    const child = spawn(python, ['-I', '-S', SCRIPT], { stdio: ['ignore', 'pipe', 'ignore'] });
    const log = new PacketLog(child);
    const lines = createInterface({ input: child.stdout! });
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_LIMIT_MS);
      child.once('error', () => resolve(false));
      child.once('exit', () => resolve(false));
      lines.on('line', (line) => {
        if (line === 'ready') {
          clearTimeout(timer);
          resolve(true);
          return;
        }
        const packet = parse(line);
        if (packet) log.packets.push(packet);
        log.waiters.notify();
      });
    });
    if (await ready) return log;
    await log.close();
    return undefined;
  }

  /** The first TCP connection attempt or UDP datagram sent from a port that is not `serverPorts`' (DNS aside). */
  firstAttempt(serverPorts: number[]): Packet | undefined {
    return this.packets.slice(this.since).find((p) => (p.proto === 'tcp' ? p.kind === 'syn' : p.kind === 'data') && ![DNS, DISCARD].includes(p.dport) && p.sport !== DNS && !serverPorts.includes(p.sport));
  }

  /**
   * Why: everything sent before this call has been reported once it returns: a marker datagram
   * (to the discard port, where nothing listens) is sent and awaited, and packets are reported in order.
   */
  async settle(timeoutMs: number): Promise<void> {
    const socket = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, '127.0.0.1', () => resolve());
      });
      const port = socket.address().port;
      socket.send('sockgrade', DISCARD, '127.0.0.1');
      await this.waitFor(() => this.packets.some((p) => p.dport === DISCARD && p.sport === port), timeoutMs);
    } catch {
      // No marker, no wait: what was reported is what there is.
    } finally {
      socket.close();
    }
  }

  /** Why: called as a client starts, so that its first attempt is not taken for an earlier program's. */
  async clientStarts(timeoutMs: number): Promise<void> {
    await this.settle(timeoutMs);
    this.since = this.packets.length;
  }

  /** Whether `test` holds of what was seen, within `timeoutMs` or until `stop` settles. */
  waitFor(test: () => boolean, timeoutMs: number, stop?: Promise<unknown>): Promise<boolean> {
    return this.waiters.until(test, timeoutMs, stop);
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}
