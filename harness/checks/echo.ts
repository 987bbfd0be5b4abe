// The echo labs: EchoServer/EchoClient (handouts 000, 002) and the thousand-round RepeatClient
// (handout 002). Expected bytes come from the reference's echoReply and GREETING.
import { echoReply, GREETING, ROUNDS, startEchoServer } from '../../reference/echo.ts';
import { escapeInline } from '../engine/escape.ts';
import { describeEnding } from '../launch/program.ts';
import type { TcpPeer } from '../peers/tcp.ts';
import { answeringLate, clientExits, clientPrintsReply, type ClientRun, clientSendsExactly, expectPrinted, firstRequest, runClientAgainstReference, serverReady } from './common.ts';
import { clientAddress, serverPort } from './address.ts';
import { CheckFailure, type CheckContext, type Lab } from './types.ts';

const LARGE = 64 * 1024;

/** Why: a sentence with mixed case and non-ASCII letters, so an upper-casing or ASCII-only server shows. */
function mixedText(ctx: CheckContext): Buffer {
  const words = ctx.sentence().split(' ');
  return Buffer.from(`${words.map((w, i) => (i % 2 ? w.toUpperCase() : w)).join(' ')} — Grüße, ñandú, 東京 ✓`, 'utf8');
}

/** Sends `data` and reads until as many bytes came back (or the limit); fails unless they are the echo. */
async function expectEcho(ctx: CheckContext, peer: TcpPeer, data: Buffer, what: string): Promise<void> {
  peer.send(data);
  const expected = echoReply(data);
  const { data: got, ended } = await peer.read((d) => d.length >= expected.length, ctx.limits.reply);
  if (got.equals(expected)) return;
  const sent = escapeInline(data.subarray(0, 200));
  if (got.length === 0) {
    const why = ended ? 'the server closed the connection without echoing' : `nothing came back within ${ctx.limits.reply / 1000}s`;
    throw new CheckFailure(`${what}: ${why}`, { sent, expected: escapeInline(expected.subarray(0, 200)) });
  }
  if (got.length < expected.length) {
    throw new CheckFailure(`${what}: only ${got.length} of ${expected.length} bytes came back${ended ? ' before the server closed the connection' : ''}`, {
      sent,
      expected: `${expected.length} bytes`,
      actual: `${got.length} bytes ending "${escapeInline(got.subarray(-60))}"`,
    });
  }
  let at = 0;
  while (at < expected.length && got[at] === expected[at]) at++;
  throw new CheckFailure(`${what}: the bytes that came back differ from those sent (first difference at byte ${at})`, {
    sent,
    expected: escapeInline(expected.subarray(Math.max(0, at - 20), at + 60)),
    actual: escapeInline(got.subarray(Math.max(0, at - 20), at + 60)),
  });
}

/** The rounds a RepeatClient made with the reference server, read off what the server received. */
interface Rounds {
  complete: number;
  /** The first request that was not exactly the greeting, or came with the next one, and when. */
  problem?: string;
  at?: number;
}

// Requests are framed by content: each is the greeting. One that shares a segment with the next was
// sent before its echo came back (the reference echoes each segment as it arrives).
function countRounds(run: ClientRun): Rounds {
  const greeting = Buffer.from(GREETING);
  let complete = 0;
  let partial = 0;
  for (const { data, at } of run.server.requests) {
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== greeting[partial]) {
        const start = Math.max(0, i - partial);
        const got = escapeInline(data.subarray(start, Math.max(i + 1, start + greeting.length)));
        const which = partial === 0 && complete > 0 ? `request ${complete} was followed by "${escapeInline(data.subarray(i, i + 20))}"` : `request ${complete + 1} was "${got}"`;
        return { complete, problem: `${which}: send exactly "${GREETING}", nothing more`, at };
      }
      partial++;
      if (partial === greeting.length) {
        complete++;
        partial = 0;
        if (i < data.length - 1 && data[i + 1] === greeting[0]) {
          const problem = `request ${complete + 1} arrived in the same segment as request ${complete}, so it was sent before that echo came back (recv the echo before sending again)`;
          return { complete, problem, at };
        }
      }
    }
  }
  return { complete };
}

const echoesPrinted = (out: string) => out.split(GREETING).length - 1;

/** Runs the student's RepeatClient until it stops making progress: each round has the reply limit. */
async function repeatRun(ctx: CheckContext): Promise<{ run: ClientRun; rounds: Rounds }> {
  const run = await runClientAgainstReference(ctx, startEchoServer);
  await firstRequest(ctx, run);
  for (;;) {
    const seen = run.server.requests.length;
    const closed = () => run.server.closes.length > 0;
    if (closed() || !(await run.server.waitFor(() => run.server.requests.length > seen || closed(), ctx.limits.reply, run.client.ended))) break;
  }
  return { run, rounds: countRounds(run) };
}

export const echo: Lab = {
  'server-ready': serverReady,
  'server-port': serverPort(),
  'client-address': clientAddress((ctx) => runClientAgainstReference(ctx, startEchoServer)),

  echo: {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const peer = await ctx.tcp(server, 'sockgrade', 'sockgrade could not connect');
      await expectEcho(ctx, peer, mixedText(ctx), 'the echo');
    },
  },

  'echo-until-close': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const peer = await ctx.tcp(server, 'sockgrade', 'sockgrade could not connect');
      // Looping on the connection and closing after the client only: what comes back is echo's and
      // echo-large's concern, so any bytes back count as this message's echo.
      for (let i = 1; i <= 3; i++) {
        const message = Buffer.from(ctx.sentence());
        peer.send(message);
        const { data, ended } = await peer.read((d) => d.length >= message.length, ctx.limits.reply);
        if (data.length === 0) {
          const why = ended ? 'the server closed the connection without echoing it, before sockgrade closed its side (keep receiving until recv() returns no data)' : `nothing came back within ${ctx.limits.reply / 1000}s`;
          throw new CheckFailure(`message ${i} of 3 on one connection: ${why}`, { sent: escapeInline(message), expected: escapeInline(echoReply(message)) });
        }
      }
      peer.end();
      if (!(await peer.waitForEnd(ctx.limits.reply))) {
        throw new CheckFailure(`after sockgrade closed its side, the server did not close the connection within ${ctx.limits.reply / 1000}s (stop when recv() returns no data, then close)`);
      }
    },
  },

  'echo-large': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const peer = await ctx.tcp(server, 'sockgrade', 'sockgrade could not connect');
      const unit = Buffer.from(`${ctx.sentence()} ñ `, 'utf8');
      const data = Buffer.alloc(LARGE, unit);
      // Whether every byte comes back, not what it is (echo's concern): the bytes are counted. A server
      // that closes the connection before it has echoed everything stops before the client does, which
      // echo-until-close fails; here that is only noted.
      peer.send(data);
      const { data: got, ended } = await peer.read((d) => d.length >= data.length, ctx.limits.reply);
      if (got.length >= data.length) return;
      if (ended && got.length > 0) {
        ctx.note(`the server closed the connection after echoing ${got.length} of ${data.length} bytes, before sockgrade closed its side (see echo-until-close)`);
        return;
      }
      throw new CheckFailure(
        got.length === 0
          ? `${LARGE / 1024} KiB sent at once: ${ended ? 'the server closed the connection without echoing' : `nothing came back within ${ctx.limits.reply / 1000}s`}`
          : `${LARGE / 1024} KiB sent at once: only ${got.length} of ${data.length} bytes came back (echo every byte received: sendall() all of each recv())`,
        { sent: `${escapeInline(data.subarray(0, 60))}… (${data.length} bytes)`, expected: `${data.length} bytes`, actual: `${got.length} bytes` },
      );
    },
  },

  'client-sends': {
    roles: ['client'],
    run: async (ctx) => clientSendsExactly(ctx, await runClientAgainstReference(ctx, startEchoServer), GREETING),
  },

  'client-prints-reply': {
    roles: ['client'],
    async run(ctx) {
      const late = answeringLate(ctx);
      await clientPrintsReply(ctx, await runClientAgainstReference(ctx, late.delaying(startEchoServer)), late, 'the message you sent');
    },
  },

  'client-exits': {
    roles: ['client'],
    run: async (ctx) => clientExits(ctx, await runClientAgainstReference(ctx, startEchoServer)),
  },

  'end-to-end': {
    roles: ['server', 'client'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const client = await ctx.startClient(server, '');
      await expectPrinted(ctx, client, GREETING, "the client did not print the echo when talking to the student's server");
    },
  },
};

export const echo1000: Lab = {
  'client-address': clientAddress((ctx) => runClientAgainstReference(ctx, startEchoServer)),
  'round-trips-1000': {
    roles: ['client'],
    async run(ctx) {
      const { run, rounds } = await repeatRun(ctx);
      if (rounds.problem) throw new CheckFailure(rounds.problem, { expected: `${ROUNDS} rounds of ${GREETING}, each after the previous echo`, at: rounds.at });
      if (rounds.complete !== ROUNDS) {
        const state = run.server.closes.length > 0 ? 'then the client closed the connection' : run.client.hasEnded ? `the client ${describeEnding(await run.client.ended)}` : `then no request for ${ctx.limits.reply / 1000}s`;
        throw new CheckFailure(`the reference server saw ${rounds.complete} round trips, not ${ROUNDS} (${state})`, { expected: `${ROUNDS} rounds`, actual: `${rounds.complete} rounds` });
      }
      // Each echo is printed: the greeting appears on stdout once per round.
      if (!(await run.client.waitForStdout((out) => echoesPrinted(out) >= ROUNDS, ctx.limits.reply))) {
        const printed = echoesPrinted(run.client.stdout.text());
        throw new CheckFailure(`the client printed ${printed} echoes; it should print each of the ${ROUNDS}`, { expected: `${GREETING} printed ${ROUNDS} times`, actual: `${printed} times` });
      }
    },
  },

  'client-closes': {
    roles: ['client'],
    async run(ctx) {
      const { run, rounds } = await repeatRun(ctx);
      // No early stop when the client exits: its kernel closes the connection, which is what we wait for.
      const closed = await run.server.waitFor(() => run.server.closes.length > 0, ctx.limits.exit);
      if (!closed) {
        throw new CheckFailure(`the client did not close the connection within ${ctx.limits.exit / 1000}s after its last round (round ${rounds.complete})`);
      }
    },
  },
};
