// Steps several labs share: comparing answers, and running a student's client against a reference server.
import type { Closable } from '../../reference/kit/loopback.ts';
import type { Observer } from '../../reference/kit/observer.ts';
import { escapeInline } from '../engine/escape.ts';
import type { FailureDetail } from '../engine/results.ts';
import type { Program } from '../launch/program.ts';
import { describeEnding, HarnessError } from '../launch/program.ts';
import type { Packet, PacketLog } from '../peers/packets.ts';
import { LateAnswers } from '../peers/late.ts';
import { socketsOf } from '../peers/procnet.ts';
import type { Watched } from '../peers/watched.ts';
import { CheckFailure, type CheckContext, type CheckDef, type ClientOptions } from './types.ts';

/** server-ready, for labs whose server takes only {port}: it binds or listens within the ready limit. */
export const serverReady: CheckDef = {
  roles: ['server'],
  run: async (ctx) => void (await ctx.startServer()),
};

/** Why: a trailing newline (print-style sends) is not a wrong answer; everything else counts. */
export function withoutLineEnd(data: Buffer | string): string {
  return (typeof data === 'string' ? data : data.toString('utf8')).replace(/\r?\n$/, '');
}

/** Why: "prints the sender" means the port number shows up, whatever the wording around it. */
export function mentionsPort(text: string, port: number): boolean {
  return new RegExp(`(^|\\D)${port}(\\D|$)`).test(text);
}

/** Why: failures quote the end of what a program printed, escaped; the tail is where the answer is. */
export function outputTail(program: Program): string {
  return escapeInline(program.stdout.bytes().subarray(-400));
}

/** Why: `print(reply)` without decode() shows b'…'; the text inside is what the student meant to print. */
export function withoutBytesRepr(text: string): string {
  return text.replace(/\bb'([^'\n]*)'/g, '$1').replace(/\bb"([^"\n]*)"/g, '$1');
}

export type StartReference = (port: number, observer: Observer) => Promise<Closable>;

export interface ClientRun {
  /** The check's sentence, for `how` to type (see `typed`) or pass as an argument. */
  line: string;
  client: Program;
  server: Watched;
  /** Where the reference server listens: where the client was told to go, or where it went. */
  port: number;
  /** Where the client was told to go. */
  given: { host: string; port: number };
  /** In a private network: the client's first connection or datagram, as its packet showed it. */
  went?: Packet;
}

/** For clients that read their message from stdin: the check's sentence, typed as one line. */
export const typed = (line: string): ClientOptions => ({ input: `${line}\n` });

/** Why: the client checks all start the same way: reference server up, student's client started. */
export async function runClientAgainstReference(
  ctx: CheckContext,
  start: StartReference,
  how: (line: string) => ClientOptions | Promise<ClientOptions> = () => ({}),
): Promise<ClientRun> {
  const port = await ctx.serverPort();
  const server = ctx.watch('reference server');
  ctx.own(await start(port, server));
  const line = ctx.sentence();
  const options = await how(line);
  const given = { host: '127.0.0.1', port };
  const client = await ctx.startClient(given, options);
  return followClient(ctx, start, { line, client, server, port, given }, options);
}

// In a private network, a client that went to another port is run again with the reference server
// there: its other checks grade what it does, and only client-address grades where it went.
async function followClient(ctx: CheckContext, start: StartReference, run: ClientRun, options: ClientOptions): Promise<ClientRun> {
  const log = await ctx.packets();
  if (!log) return run;
  // A UDP client that sends only what is typed later has not gone anywhere yet: it is not waited for.
  const went = options.keepInputOpen && ctx.spec.transport === 'udp' ? undefined : await firstAttempt(ctx, log, run);
  if (!went || went.dport === run.port) return { ...run, went };
  const where = describeDestination(ctx, went);
  ctx.transcript.record('sockgrade', 'client', `the client went to ${where}, not to port ${run.port}: the reference server is started there and the client run again`);
  ctx.note(`the client went to ${where}, not to port ${run.port} it was given; this check ran it again with the reference server there, and only client-address fails for it`);
  await run.client.stop();
  const server = ctx.watch('reference server');
  try {
    ctx.own(await start(went.dport, server));
  } catch (error) {
    throw new CheckFailure(`the client went to ${where}, where sockgrade cannot start its server (${(error as Error).message})`);
  }
  const client = await ctx.startClient(run.given, options);
  return { ...run, client, server, port: went.dport, went };
}

// world.sh's hosts: the sandbox machine's own name (socket.gethostname()) and its address.
const MACHINE_NAME = 'sockgrade';
const MACHINE_ADDRESS = '127.0.1.1';

/** Why: where the client first went, once seen; a client that ended is waited for until its packets are all reported. */
export async function firstAttempt(ctx: CheckContext, log: PacketLog, run: ClientRun): Promise<Packet | undefined> {
  const attempt = () => log.firstAttempt([run.port]);
  await log.waitFor(() => attempt() !== undefined || run.server.requests.length > 0, ctx.limits.ready, run.client.ended);
  if (!attempt()) await log.settle(ctx.limits.reply);
  return attempt();
}

/** Why: "192.168.1.20 port 9000", or the name the client looked up when that is how it got there. */
export function describeDestination(ctx: CheckContext, packet: Packet): string {
  if (packet.dst === MACHINE_ADDRESS) return `its machine's own name, "${MACHINE_NAME}" here (socket.gethostname(), ${MACHINE_ADDRESS}), port ${packet.dport}`;
  const name = ctx.nameOf(packet.dst);
  return `${name ? `"${escapeInline(name)}" (which the check's private network answered with ${packet.dst})` : packet.dst} port ${packet.dport}`;
}

// What a client that reached nobody did, when its sockets or its own error message show it.
const CONNECT_ERRORS: [RegExp, string][] = [
  [/Connection refused|ECONNREFUSED/, 'its connection was refused: nothing listens where it connected'],
  [/Network is unreachable|ENETUNREACH/, 'its connection failed: that network is unreachable, only this machine (127.0.0.1) can be reached'],
  [/Name or service not known|nodename nor servname|getaddrinfo|ENOTFOUND/, 'it could not look up the host name it used'],
];

async function whereTheClientWent(run: ClientRun): Promise<string> {
  const server = `the server is on 127.0.0.1 port ${run.port}, as its arguments say`;
  const sockets = (await socketsOf(run.client.processIds())).filter((s) => s.remote);
  if (sockets.length > 0) return `; it is ${sockets.map((s) => `${s.state} to ${s.remote!.address} port ${s.remote!.port}`).join(' and ')}, but ${server}`;
  const errors = run.client.stderr.bytes().toString('utf8');
  const known = CONNECT_ERRORS.find(([pattern]) => pattern.test(errors));
  return known ? `; ${known[1]} (${server})` : '';
}

/** Why: waits for the client's first message; a client that sends nothing fails here, saying so. */
export async function firstRequest(ctx: CheckContext, run: ClientRun): Promise<Buffer> {
  const got = await run.server.waitFor(() => run.server.requests.length > 0, ctx.limits.ready, run.client.ended);
  if (!got) {
    const state = run.client.hasEnded ? `the client ${describeEnding(await run.client.ended)}` : `nothing within ${ctx.limits.ready / 1000}s`;
    throw new CheckFailure(`the server received nothing from the client (${state})${await whereTheClientWent(run)}`);
  }
  return run.server.requests[0].data;
}

/** Why: the reference server's first answer, once the client has asked. */
export async function firstReply(ctx: CheckContext, run: ClientRun): Promise<Buffer> {
  await firstRequest(ctx, run);
  // Not stopped by the client's end: an answer held back (late.ts) still comes, to be compared with what was printed.
  await run.server.waitFor(() => run.server.replies.length > 0, ctx.limits.reply);
  // The reference answers every request, at once or after its pause; no answer is sockgrade's own fault.
  if (run.server.replies.length === 0) throw new HarnessError('the reference server did not answer the client');
  return run.server.replies[0].data;
}

/** client-exits, for any lab: status 0, on its own, soon after the answer. */
export async function clientExits(ctx: CheckContext, run: ClientRun): Promise<void> {
  await firstReply(ctx, run);
  const ending = await run.client.waitForEnd(ctx.limits.exit);
  if (!ending) throw new CheckFailure(`the client was still running ${ctx.limits.exit / 1000}s after the server answered; it should exit on its own`);
  if (ending.code !== 0) throw new CheckFailure(`the client ${describeEnding(ending)}; it should exit with status 0`);
}

/**
 * client-prints-reply, for any lab: the answer the server actually sent appears on stdout, printed
 * after it was sent. `late` held the answer back (see answeringLate); `yourOwn` names what a client
 * that prints before it has the answer prints instead ("your own upper-casing").
 */
export async function clientPrintsReply(ctx: CheckContext, run: ClientRun, late?: LateAnswers, yourOwn = 'an answer of your own'): Promise<void> {
  late?.watch(run.client.stdout);
  const reply = withoutLineEnd(await firstReply(ctx, run));
  const before = late?.sent[0]?.printedBefore;
  const printed = await run.client.waitForStdout(() => printedAfter(run.client.stdout.bytes(), reply, before), ctx.limits.reply);
  if (!printed) {
    const detail = { expected: escapeInline(reply), actual: outputTail(run.client) };
    if (late && run.client.stdout.bytes().includes(reply)) throw printedTooEarly('the answer', late.sent[0].pauseMs, yourOwn, { ...detail, at: run.server.replies[0].at });
    throw new CheckFailure("the client did not print the server's answer", detail);
  }
}

/** Why: client-print checks run the reference server with its answers held back a moment, so a made-up answer shows. */
export function answeringLate(ctx: CheckContext): LateAnswers {
  return ctx.own(new LateAnswers(ctx.random));
}

/**
 * Why: only a print that ends after `before` bytes of stdout (what had been read when the answer
 * left) can be of the answer; undefined `before` (nothing held back) accepts any print.
 */
export function printedAfter(output: Buffer, text: string, before: number | undefined): boolean {
  if (before === undefined) return output.includes(text);
  return output.indexOf(text, Math.max(0, before - Buffer.byteLength(text) + 1)) >= 0;
}

/** Why: tells the student the answer printed was not the one received, and what to print instead. */
export function printedTooEarly(what: string, pauseMs: number, yourOwn: string, detail: FailureDetail): CheckFailure {
  const after = (pauseMs / 1000).toFixed(2);
  return new CheckFailure(
    `the client printed ${what} before the server had sent it (the server answered after ${after}s): print what you receive from the socket, not ${yourOwn}`,
    detail,
  );
}

/** client-sends for labs with a fixed message: everything the client sent, joined, is exactly `text`. */
export async function clientSendsExactly(ctx: CheckContext, run: ClientRun, text: string): Promise<void> {
  await firstRequest(ctx, run);
  const length = Buffer.byteLength(text);
  await run.server.waitFor(() => run.server.receivedBytes().length >= length, ctx.limits.reply, run.client.ended);
  const sent = run.server.receivedBytes();
  if (sent.toString('utf8') !== text) {
    throw new CheckFailure(`the client did not send exactly "${text}"`, { expected: escapeInline(text), actual: escapeInline(sent) });
  }
}

/** end-to-end for labs whose client prints one answer: `expected` on stdout, given the server's start-up time too. */
export async function expectPrinted(ctx: CheckContext, client: Program, expected: string, failure: string, sent?: string): Promise<void> {
  if (await client.waitForStdout((out) => out.includes(expected), ctx.limits.ready + ctx.limits.reply)) return;
  throw new CheckFailure(failure, {
    ...(sent !== undefined ? { sent: escapeInline(sent) } : {}),
    expected: escapeInline(expected),
    actual: outputTail(client),
  });
}
