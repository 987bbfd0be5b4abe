// When is a student's server ready? When its port is bound (UDP) or listening (TCP). Polled, never
// slept on: a fast server is used at once, a slow one gets its whole limit and no more.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Program } from '../launch/program.ts';
import { describeEnding, displayCommand } from '../launch/program.ts';
import type { Transport } from '../spec/types.ts';
import { boundSockets, loopbackFor, socketsOf, type HeldSocket } from './procnet.ts';

const POLL_MS = 10;

export type Readiness = { ready: true; host: string; bound: string; port: number } | { ready: false; reason: string };

/** In a private network a server on another port is graded there: after `graceMs` without the asked port. */
export interface Follow {
  graceMs: number;
}

// Off Linux there is no /proc/net: a TCP server is ready when a connection succeeds (the probe is
// closed at once); a UDP server cannot be observed and is taken as ready when started.
async function probe(transport: Transport, port: number): Promise<string | undefined> {
  if (transport === 'udp') return '127.0.0.1';
  for (const host of ['127.0.0.1', '::1']) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return host;
  }
  return undefined;
}

function describeSocket(s: HeldSocket, transport: Transport): string {
  return s.transport === transport ? String(s.local.port) : `${s.transport.toUpperCase()} port ${s.local.port} (this lab is ${transport.toUpperCase()})`;
}

// A server that is not where it was asked to be is usually one that hard-codes its port.
async function elsewhere(program: Program, transport: Transport, port: number, portArgument: string): Promise<string> {
  const held = (await socketsOf(program.processIds())).filter((s) => s.state === 'listening' || s.state === 'bound');
  if (held.length === 0) return '';
  const ports = [...new Set(held.map((s) => describeSocket(s, transport)))].join(' and ');
  return `: it is listening on ${ports}, was asked to listen on ${port}: ${portArgument}`;
}

// Prefer IPv4: most student clients and servers speak only AF_INET.
const preferIpv4 = <T extends { address: string }>(found: T[]): T => found.find((s) => !s.address.includes(':')) ?? found[0];

// The lab's kind of socket the server's own processes hold on some port (the first it opened).
async function heldElsewhere(program: Program, transport: Transport): Promise<{ address: string; port: number } | undefined> {
  const held = (await socketsOf(program.processIds())).filter((s) => s.transport === transport && (s.state === 'listening' || s.state === 'bound') && s.local.port !== 0);
  return held.length > 0 ? preferIpv4(held.map((s) => s.local)) : undefined;
}

/** Why: the address to reach a server once it has bound `port` (or, followed, another), or why it never did. */
export async function waitUntilReady(program: Program, transport: Transport, port: number, timeoutMs: number, portArgument: string, follow?: Follow): Promise<Readiness> {
  const deadline = performance.now() + timeoutMs;
  const verb = transport === 'tcp' ? 'listen on TCP' : 'bind UDP';
  let elsewhereSince: number | undefined;
  for (let poll = 0; ; poll++) {
    const sockets = await boundSockets(transport);
    const mine = sockets?.filter((s) => s.port === port) ?? [];
    if (mine.length > 0) {
      const best = preferIpv4(mine);
      return { ready: true, host: loopbackFor(best.address), bound: best.address, port };
    }
    if (sockets === null) {
      const host = await probe(transport, port);
      if (host) return { ready: true, host, bound: host, port };
    }
    // A server that opens another port first may still open the asked one: it gets a grace period.
    // Reading every process's descriptors costs more than /proc/net: every fifth poll is soon enough.
    const other = follow && (poll % 5 === 4 || performance.now() >= deadline) && (await heldElsewhere(program, transport));
    if (other) {
      elsewhereSince ??= performance.now();
      if (performance.now() - elsewhereSince >= follow.graceMs || performance.now() >= deadline) return { ready: true, host: loopbackFor(other.address), bound: other.address, port: other.port };
    }
    if (program.hasEnded) {
      return { ready: false, reason: `the server ${describeEnding(await program.ended)} before it started to ${verb} port ${port}` };
    }
    if (performance.now() >= deadline) {
      const diagnosis = await elsewhere(program, transport, port, portArgument);
      return { ready: false, reason: `the server did not ${verb} port ${port} within ${timeoutMs / 1000}s${diagnosis} (run as: ${displayCommand(program.launch.command)})` };
    }
    await sleep(POLL_MS);
  }
}
