// Where programs listen and connect, graded once: server-port and client-address, and end-to-end's
// verdict on a pair whose addresses disagree. In a private network every other check follows the
// programs wherever they went (context.ts for servers, common.ts for clients).
import { escapeInline } from '../engine/escape.ts';
import { describeEnding, HarnessError } from '../launch/program.ts';
import type { Packet } from '../peers/packets.ts';
import { describeDestination, firstAttempt, firstRequest, type ClientRun } from './common.ts';
import { CheckFailure, type CheckContext, type CheckDef } from './types.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** server-port, for every lab with a server: it listens on the port it was given, not one of its own. */
export function serverPort(values: Record<string, string> = {}): CheckDef {
  return {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer(values);
      if (server.port !== server.asked) {
        throw new CheckFailure(`the server listens on port ${server.port}; it was given port ${server.asked}: ${server.portArgument}`, {
          expected: `port ${server.asked}`,
          actual: `port ${server.port}`,
        });
      }
    },
  };
}

// The client's own words for where it was sent: its arguments, or the handout's address.
function givenAs(ctx: CheckContext, run: ClientRun): string {
  const args = ctx.spec.programs.client?.args ?? [];
  const told = args.some((arg) => arg.includes('{port}')) ? 'as its arguments' : "as the handout's server address";
  return `it was given ${run.given.host} port ${run.given.port} ${told}`;
}

const verb = (packet: Packet) => (packet.proto === 'tcp' ? 'connected to' : 'sent to');

/** client-address, for every lab with a client: its first connection or datagram goes where it was told. */
export function clientAddress(runClient: (ctx: CheckContext) => Promise<ClientRun>): CheckDef {
  return {
    roles: ['client'],
    async run(ctx) {
      const run = await runClient(ctx);
      const log = await ctx.packets();
      const went = run.went ?? (log && (await firstAttempt(ctx, log, run)));
      // Not followed (no private network): reaching the reference server where it was told is the proof.
      // The reference server heard from it, so it went where it was told, seen by the watcher or not.
      if (!went && run.server.requests.length > 0) return;
      if (!went) {
        if (log) {
          const how = run.client.hasEnded ? `${describeEnding(await run.client.ended)} without` : `went ${ctx.limits.ready / 1000}s without`;
          throw new CheckFailure(`the client ${how} connecting or sending anywhere; ${givenAs(ctx, run)}`);
        }
        await firstRequest(ctx, run);
        return;
      }
      const reached = went.dport === run.given.port && (LOOPBACK.has(went.dst) || went.dst === run.given.host);
      if (!reached) {
        throw new CheckFailure(`the client ${verb(went)} ${describeDestination(ctx, went)}; ${givenAs(ctx, run)}`, {
          expected: `${run.given.host} port ${run.given.port}`,
          actual: escapeInline(`${ctx.nameOf(went.dst) ?? went.dst} port ${went.dport}`),
        });
      }
    },
  };
}

// The answer to an attempt that reached no socket: a TCP reset of a connection that never carried
// data (a reset later in a conversation is a server closing it), or an ICMP port unreachable.
function refused(packets: Packet[], attempt: Packet): boolean {
  const flow = (p: Packet) => (p.src === attempt.src && p.sport === attempt.sport) || (p.dst === attempt.src && p.dport === attempt.sport);
  if (attempt.proto === 'tcp' && packets.some((p) => p.proto === 'tcp' && p.kind === 'data' && flow(p))) return false;
  return packets.some((p) =>
    p.proto === 'tcp'
      ? p.kind === 'rst' && p.src === attempt.dst && p.sport === attempt.dport && p.dst === attempt.src && p.dport === attempt.sport
      : p.kind === 'unreachable' && p.src === attempt.src && p.sport === attempt.sport && p.dst === attempt.dst && p.dport === attempt.dport,
  );
}

// What end-to-end says of the pair, from what crossed the network: undefined when they met.
async function pairFault(ctx: CheckContext, passed: boolean): Promise<string | undefined> {
  const log = await ctx.packets();
  const server = ctx.servers.at(-1);
  if (!log || !server) return undefined;
  await log.settle(ctx.limits.reply);
  const attempt = log.firstAttempt([server.port]);
  if (!attempt) return passed ? `the client printed the expected answer but never connected to the student's server: it must print what the server answers` : undefined;
  if (refused(log.packets, attempt)) {
    const at = attempt.dport === server.port ? `${server.bound} port ${server.port}` : `port ${server.port}`;
    return `your client ${attempt.proto === 'tcp' ? 'connects' : 'sends'} to ${describeDestination(ctx, attempt)}, your server listens on ${at}`;
  }
  const heard = log.packets.some((p) => p.kind === 'data' && p.dport === server.port && p.sport !== server.port);
  if (passed && !heard) return `the client printed the expected answer but sent nothing to the student's server: it must print what the server answers`;
  return undefined;
}

/** Why: end-to-end joins the student's own pair as they are; a pair that never met fails for that. */
export function asTheyAre(check: CheckDef): CheckDef {
  return {
    ...check,
    async run(ctx) {
      let failure: unknown;
      try {
        await check.run(ctx);
      } catch (error) {
        failure = error;
      }
      // sockgrade's own trouble stays sockgrade's: it is not the pair's fault.
      if (failure instanceof HarnessError) throw failure;
      const fault = await pairFault(ctx, failure === undefined);
      if (fault) throw new CheckFailure(fault, failure instanceof CheckFailure ? failure.detail : {});
      if (failure !== undefined) throw failure;
    },
  };
}
