// The "TCP Task" chat (handout 001): TCPServerTask answers each message with its length in bytes and
// Exit with Disconnect; TCPClientTask sends typed lines until Exit. Answers come from the reference's chatReply.
import { chatReply, DISCONNECTED, EXIT, normalizeWording, RECEIVED, startChatServer } from '../../reference/chat.ts';
import { escapeInline } from '../engine/escape.ts';
import { describeEnding, type Program } from '../launch/program.ts';
import type { TcpPeer } from '../peers/tcp.ts';
import type { LateAnswers } from '../peers/late.ts';
import { answeringLate, type ClientRun, outputTail, printedTooEarly, runClientAgainstReference, serverReady, withoutBytesRepr } from './common.ts';
import { clientAddress, serverPort } from './address.ts';
import { CheckFailure, type CheckContext, type Lab, type StudentServer } from './types.ts';

const looksComplete = (d: Buffer) => /bytes|disconnect/i.test(d.toString('utf8'));

/** Sends one message and fails unless the answer is the reference's (wording tolerant, number exact). */
async function expectReply(ctx: CheckContext, peer: TcpPeer, message: string, what: string): Promise<void> {
  peer.send(message);
  const expected = chatReply(Buffer.from(message, 'utf8')).toString('utf8');
  const { data, ended } = await peer.read(looksComplete, ctx.limits.reply);
  if (normalizeWording(data.toString('utf8')) === normalizeWording(expected)) return;
  const why = data.length > 0 ? 'the answer is wrong' : ended ? 'the server closed the connection without answering' : `no answer within ${ctx.limits.reply / 1000}s`;
  throw new CheckFailure(`${what}: ${why}`, { sent: escapeInline(message), expected: escapeInline(expected), actual: escapeInline(data) });
}

async function connect(ctx: CheckContext, server: StudentServer, name = 'sockgrade'): Promise<TcpPeer> {
  return ctx.tcp(server, name, `${name} could not connect`);
}

/** ASCII and multi-byte messages, so a server counting characters instead of bytes shows. */
function accented(sentence: string): string {
  return sentence.replace(/e/g, 'é').replace(/o/g, 'ö').replace(/a/g, 'å');
}

/** `count` messages of different byte lengths, so each answer's number can only be its own message's. */
function distinctLengths(ctx: CheckContext, count: number): string[] {
  const messages: string[] = [];
  while (messages.length < count) {
    const next = ctx.sentence();
    if (!messages.some((m) => Buffer.byteLength(m) === Buffer.byteLength(next))) messages.push(next);
  }
  return messages;
}

/**
 * Why: many-messages judges looping, not wording: an answer is this message's own when it names this
 * message's length, provided the server's first answer named the first message's (any wording, bytes or
 * characters alike for these ASCII messages); a server whose answers hold no such number is judged on
 * answering at all.
 */
const mentionsNumber = (answer: Buffer, n: number) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(answer.toString('utf8'));

/**
 * The student's client against the reference server, its stdin left open for typing line by line;
 * its first line (run.line) goes with the start, so a client that reads before it connects is seen
 * connecting too. `late` holds the answers back.
 */
function startChatClient(ctx: CheckContext, late?: LateAnswers): Promise<ClientRun> {
  return runClientAgainstReference(ctx, late ? late.delaying(startChatServer) : startChatServer, (line) => ({ keepInputOpen: true, input: `${line}\n` }));
}

/** Types `line` (the first went with the start) and waits until the reference server has received message number `index` (from 0). */
async function typeAndDeliver(ctx: CheckContext, run: ClientRun, line: string, index: number): Promise<Buffer> {
  if (index > 0) ctx.type(run.client, `${line}\n`);
  const limit = index === 0 ? ctx.limits.ready : ctx.limits.reply;
  if (!(await run.server.waitFor(() => run.server.requests.length > index, limit, run.client.ended))) {
    const state = run.client.hasEnded ? `the client ${describeEnding(await run.client.ended)}` : `nothing within ${limit / 1000}s`;
    throw new CheckFailure(`after line ${index + 1} was typed the server received no message (${state})`, { sent: escapeInline(line) });
  }
  return run.server.requests[index].data;
}

const printed = (out: string) => normalizeWording(withoutBytesRepr(out));

/** Why: a printed line is found in order, whatever the case and spacing around it, decoded or not. */
class PrintedLines {
  private cursor = 0;
  constructor(private readonly program: Program) {}

  /**
   * Waits until `line` appears after the previous match; false at the limit. With `before` (bytes of
   * stdout read when the answer left, see late.ts) only a match that ends after them counts.
   */
  async expect(line: string, timeoutMs: number, before?: number): Promise<boolean> {
    const wanted = normalizeWording(line);
    const from = Math.max(this.cursor, before === undefined ? 0 : this.upTo(before).length - wanted.length + 1);
    const found = await this.program.waitForStdout((out) => printed(out).indexOf(wanted, from) >= 0, timeoutMs);
    if (found) this.cursor = printed(this.program.stdout.text()).indexOf(wanted, from) + wanted.length;
    return found;
  }

  /** Whether `line` had been printed, after the previous match, within the first `bytes` bytes of stdout. */
  printedWithin(line: string, bytes: number): boolean {
    return this.upTo(bytes).indexOf(normalizeWording(line), this.cursor) >= 0;
  }

  seen(line: string): boolean {
    return printed(this.program.stdout.text()).includes(normalizeWording(line));
  }

  private upTo(bytes: number): string {
    return printed(this.program.stdout.bytes().subarray(0, bytes).toString('utf8'));
  }
}

function notPrinted(program: Program, expected: string, why: string): CheckFailure {
  return new CheckFailure(why, { expected: escapeInline(expected), actual: outputTail(program) });
}

export const chat: Lab = {
  'server-ready': serverReady,
  'server-port': serverPort(),
  'client-address': clientAddress(startChatClient),

  'length-reply': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const peer = await connect(ctx, await ctx.startServer());
      // One message, ASCII and multi-byte letters mixed: a second message on this connection would make
      // a server that answers one message per connection fail here as well as in many-messages.
      await expectReply(ctx, peer, accented(ctx.sentence()), 'a message with multi-byte characters (count bytes, not characters)');
      peer.send(EXIT);
    },
  },

  'many-messages': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const peer = await connect(ctx, await ctx.startServer());
      // Looping on one connection only; the answer's wording and number are length-reply's. See ownAnswer.
      const messages = distinctLengths(ctx, 10);
      let numbersLength: boolean | undefined;
      for (const [i, message] of messages.entries()) {
        const what = `message ${i + 1} of 10 on one connection`;
        peer.send(message);
        const { data, ended } = await peer.read((d) => d.length > 0, ctx.limits.reply);
        const length = Buffer.byteLength(message);
        const detail = { sent: escapeInline(message), expected: escapeInline(chatReply(Buffer.from(message, 'utf8'))), actual: escapeInline(data) };
        if (data.length === 0) {
          throw new CheckFailure(`${what}: ${ended ? 'the server closed the connection without answering (keep receiving until Exit)' : `no answer within ${ctx.limits.reply / 1000}s`}`, detail);
        }
        numbersLength ??= mentionsNumber(data, length);
        if (numbersLength && !mentionsNumber(data, length)) {
          throw new CheckFailure(`${what}: the answer is not about this message (its length, ${length}, is not in it, although the first answer held the first message's)`, detail);
        }
      }
      peer.send(EXIT);
    },
  },

  'exit-disconnect': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const peer = await connect(ctx, await ctx.startServer());
      // Exit first: what the server answers other messages, and whether it reads more than one, is
      // length-reply's and many-messages'.
      await expectReply(ctx, peer, EXIT, `the answer to ${EXIT}`);
      if (!(await peer.waitForEnd(ctx.limits.reply))) {
        throw new CheckFailure(`the server answered ${EXIT} but did not close the connection within ${ctx.limits.reply / 1000}s`);
      }
    },
  },

  'keeps-listening': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      // Only the next client's service is judged here: what client 1 is answered, Disconnect included,
      // and whether the server closes after Exit, are the other server checks'. Client 1 leaves as a
      // client does: its message, Exit, then it closes once answered (or the server closed, or the
      // reply limit passed), so a server that waits for the client to close is not held up.
      const first = await connect(ctx, server, 'client 1');
      first.send(ctx.sentence());
      await first.read((d) => d.length > 0, ctx.limits.reply);
      first.send(EXIT);
      await first.read((d) => d.length > 0, ctx.limits.reply);
      first.close();
      const second = await connect(ctx, server, 'client 2');
      const message = ctx.sentence();
      second.send(message);
      const { data, ended } = await second.read((d) => d.length > 0, ctx.limits.reply);
      if (data.length === 0) {
        const why = ended ? 'the server closed the connection without answering' : `no answer within ${ctx.limits.reply / 1000}s`;
        throw new CheckFailure(`after client 1 left with ${EXIT}, client 2 was not served: ${why} (go back to accept() after a client's ${EXIT})`, {
          sent: escapeInline(message),
          expected: escapeInline(chatReply(Buffer.from(message, 'utf8'))),
        });
      }
      second.send(EXIT);
    },
  },

  'client-sends-lines': {
    roles: ['client'],
    async run(ctx) {
      const run = await startChatClient(ctx);
      const lines = [run.line, ctx.sentence(), accented(ctx.sentence()), EXIT];
      for (const [i, line] of lines.entries()) {
        const got = await typeAndDeliver(ctx, run, line, i);
        if (!got.equals(Buffer.from(line, 'utf8'))) {
          throw new CheckFailure(`line ${i + 1} was not sent as typed (send the line itself, without a newline)`, { expected: escapeInline(line), actual: escapeInline(got) });
        }
      }
    },
  },

  'client-prints-replies': {
    roles: ['client'],
    async run(ctx) {
      const late = answeringLate(ctx);
      const run = await startChatClient(ctx, late);
      late.watch(run.client.stdout);
      const printed = new PrintedLines(run.client);
      for (const [i, line] of [run.line, ctx.sentence(), EXIT].entries()) {
        await typeAndDeliver(ctx, run, line, i);
        // The answer is held back a moment (late.ts); it comes even if the client has ended.
        await run.server.waitFor(() => run.server.replies.length > i, ctx.limits.reply);
        const expected = `${RECEIVED} ${run.server.replies[i].data.toString('utf8')}`;
        const before = late.sent[i]?.printedBefore;
        if (await printed.expect(expected, ctx.limits.reply, before)) continue;
        if (before !== undefined && printed.printedWithin(expected, before)) {
          const detail = { sent: escapeInline(line), expected: escapeInline(expected), actual: outputTail(run.client), at: run.server.replies[i].at };
          throw printedTooEarly(`the answer to line ${i + 1}`, late.sent[i].pauseMs, 'an answer you made up from what was typed', detail);
        }
        throw notPrinted(run.client, expected, `the client did not print the server's answer to line ${i + 1}`);
      }
    },
  },

  'client-exit': {
    roles: ['client'],
    async run(ctx) {
      const run = await startChatClient(ctx);
      const printed = new PrintedLines(run.client);
      for (const [i, line] of [run.line, ctx.sentence()].entries()) {
        await typeAndDeliver(ctx, run, line, i);
        await printed.expect(run.server.replies[i].data.toString('utf8'), ctx.limits.reply);
      }
      if (run.client.hasEnded) throw new CheckFailure(`the client ${describeEnding(await run.client.ended)} before ${EXIT} was typed`);
      if (printed.seen(DISCONNECTED)) throw notPrinted(run.client, `"${DISCONNECTED}" only after ${EXIT}`, `the client said it was disconnected before ${EXIT} was typed`);
      await typeAndDeliver(ctx, run, EXIT, 2);
      if (!(await printed.expect(DISCONNECTED, ctx.limits.exit))) throw notPrinted(run.client, DISCONNECTED, `after ${EXIT} the client did not print that it is disconnected`);
      const ending = await run.client.waitForEnd(ctx.limits.exit);
      if (!ending) throw new CheckFailure(`the client was still running ${ctx.limits.exit / 1000}s after ${EXIT}; it should exit`);
      if (ending.code !== 0) throw new CheckFailure(`after ${EXIT} the client ${describeEnding(ending)}; it should exit with status 0`);
    },
  },

  'end-to-end': {
    roles: ['server', 'client'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const client = await ctx.startClient(server, { keepInputOpen: true });
      const printed = new PrintedLines(client);
      for (const [i, line] of [ctx.sentence(), ctx.sentence(), EXIT].entries()) {
        ctx.type(client, `${line}\n`);
        const expected = `${RECEIVED} ${chatReply(Buffer.from(line, 'utf8')).toString('utf8')}`;
        if (!(await printed.expect(expected, i === 0 ? ctx.limits.ready + ctx.limits.reply : ctx.limits.reply))) {
          throw notPrinted(client, expected, `with the student's server, the client did not print the expected answer to line ${i + 1}`);
        }
      }
      if (!(await printed.expect(DISCONNECTED, ctx.limits.exit))) throw notPrinted(client, DISCONNECTED, `after ${EXIT} the client did not print that it is disconnected`);
      const ending = await client.waitForEnd(ctx.limits.exit);
      if (ending?.code !== 0) throw new CheckFailure(`after ${EXIT} the client ${ending ? describeEnding(ending) : 'kept running'}; it should exit with status 0`);
    },
  },
};
