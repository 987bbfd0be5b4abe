// The uppercase labs (UDPServer/UDPClient, TCPServer/TCPClient): checks of the server, of the
// client, and of the pair. Expected answers come from the reference's uppercaseReply.
import { startTcpUppercaseServer, startUdpUppercaseServer, uppercaseReply } from '../../reference/uppercase.ts';
import { escapeInline } from '../engine/escape.ts';
import type { TcpPeer } from '../peers/tcp.ts';
import { answeringLate, clientExits, clientPrintsReply, expectPrinted, firstRequest, runClientAgainstReference, serverReady, typed, withoutLineEnd } from './common.ts';
import { clientAddress, serverPort } from './address.ts';
import { CheckFailure, type CheckContext, type Lab, type StudentServer } from './types.ts';

const reference = (ctx: CheckContext) => (ctx.spec.transport === 'tcp' ? startTcpUppercaseServer : startUdpUppercaseServer);

/** A TCP conversation left open: the sentence sent, the answer read (as long as the right one). */
async function askOverTcp(ctx: CheckContext, server: StudentServer, sentence: string, name: string): Promise<{ answer: Buffer; peer: TcpPeer }> {
  const peer = await ctx.tcp(server, name, `${name} could not connect`);
  peer.send(sentence);
  const expectedLength = uppercaseReply(Buffer.from(sentence)).length;
  const { data } = await peer.read((d) => d.length >= expectedLength, ctx.limits.reply);
  return { answer: data, peer };
}

/** One request, one answer, over the spec's transport; undefined when no answer came in time. */
async function ask(ctx: CheckContext, server: StudentServer, sentence: string, name: string): Promise<Buffer | undefined> {
  if (ctx.spec.transport === 'tcp') {
    const { answer, peer } = await askOverTcp(ctx, server, sentence, name);
    peer.close();
    return answer.length > 0 ? answer : undefined;
  }
  const peer = await ctx.udp(server.host, name);
  peer.send(sentence, server.host, server.port);
  const answer = await peer.receive(ctx.limits.reply);
  peer.close();
  return answer?.data;
}

function noAnswer(ctx: CheckContext, who: string): string {
  return `${who} got no answer within ${ctx.limits.reply / 1000}s`;
}

/** `count` sentences, none inside another, so an answer can be told apart by the sentence it carries. */
function distinctSentences(ctx: CheckContext, count: number): string[] {
  const sentences: string[] = [];
  while (sentences.length < count) {
    const next = ctx.sentence();
    if (!sentences.some((s) => s.includes(next) || next.includes(s))) sentences.push(next);
  }
  return sentences;
}

/** Whether an answer carries `sentence` in any case (upper, lower, unchanged), whatever else it holds. */
const mentions = (answer: Buffer, sentence: string) => answer.toString('utf8').toLowerCase().includes(sentence.toLowerCase());

/**
 * Why: serves-many judges looping, not the answer's content (uppercase-reply does): an answer is this
 * client's own when it carries no earlier client's sentence (a server answering a stale or accumulated
 * sentence), and, when this server's first answer carried the first sentence in some case (as upper,
 * lower and decorated answers do), when it carries this client's sentence too. A server whose answers
 * never carry the sentence (a fixed text, say) is judged on the first rule only. Returns what is wrong.
 */
function answeredOwn(answer: Buffer, own: string, earlier: string[], echoesSentence: boolean): string | undefined {
  const stale = earlier.findIndex((s) => mentions(answer, s));
  if (stale >= 0) return `an answer carrying client ${stale + 1}'s sentence`;
  if (echoesSentence && !mentions(answer, own)) return 'an answer without its sentence, although the server answered client 1 with client 1\'s';
  return undefined;
}

export const uppercase: Lab = {
  'server-ready': serverReady,
  'server-port': serverPort(),
  'client-address': clientAddress((ctx) => runClientAgainstReference(ctx, reference(ctx), typed)),

  'uppercase-reply': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const sentence = ctx.sentence();
      const expected = uppercaseReply(Buffer.from(sentence));
      const answer = await ask(ctx, server, sentence, 'sockgrade');
      const detail = { sent: escapeInline(sentence), expected: escapeInline(expected) };
      if (!answer) throw new CheckFailure(noAnswer(ctx, 'sockgrade'), detail);
      if (withoutLineEnd(answer) !== expected.toString('utf8')) {
        throw new CheckFailure('the answer is not the sentence in upper case', { ...detail, actual: escapeInline(answer) });
      }
    },
  },

  'serves-many': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const sentences = distinctSentences(ctx, 3);
      let echoesSentence: boolean | undefined;
      for (const [i, sentence] of sentences.entries()) {
        const who = `client ${i + 1} of 3`;
        const answer = await ask(ctx, server, sentence, who);
        if (!answer) {
          throw new CheckFailure(`${noAnswer(ctx, who)}: the server must go back to waiting for the next client`, { sent: escapeInline(sentence) });
        }
        // This check judges looping only; what the answer should be is uppercase-reply's. See answeredOwn.
        const wrong = answeredOwn(answer, sentence, sentences.slice(0, i), (echoesSentence ??= mentions(answer, sentence)));
        if (wrong) {
          throw new CheckFailure(`${who} got ${wrong}: each client must get the answer to its own sentence`, {
            sent: escapeInline(sentence),
            expected: escapeInline(uppercaseReply(Buffer.from(sentence))),
            actual: escapeInline(answer),
          });
        }
      }
    },
  },

  'closes-connection': {
    roles: ['server'],
    needs: ['server-ready'],
    transports: ['tcp'],
    async run(ctx) {
      const server = await ctx.startServer();
      const sentence = ctx.sentence();
      // What comes back (or whether anything does) is uppercase-reply's, a next client serves-many's:
      // here only that this connection is closed by the server once the sentence was sent.
      const { peer } = await askOverTcp(ctx, server, sentence, 'sockgrade');
      if (!(await peer.waitForEnd(ctx.limits.reply))) {
        throw new CheckFailure(`the server did not close the connection within ${ctx.limits.reply / 1000}s after answering (call close() on the connection socket)`, { sent: escapeInline(sentence) });
      }
    },
  },

  'client-sends': {
    roles: ['client'],
    async run(ctx) {
      const run = await runClientAgainstReference(ctx, reference(ctx), typed);
      const request = await firstRequest(ctx, run);
      if (withoutLineEnd(request) !== run.line) {
        throw new CheckFailure('the client did not send the line typed on its input', {
          sent: escapeInline(`${run.line}\n`),
          expected: escapeInline(run.line),
          actual: escapeInline(request),
        });
      }
    },
  },

  'client-prints-reply': {
    roles: ['client'],
    async run(ctx) {
      const late = answeringLate(ctx);
      await clientPrintsReply(ctx, await runClientAgainstReference(ctx, late.delaying(reference(ctx)), typed), late, 'your own upper-casing');
    },
  },

  'client-exits': {
    roles: ['client'],
    run: async (ctx) => clientExits(ctx, await runClientAgainstReference(ctx, reference(ctx), typed)),
  },

  'end-to-end': {
    roles: ['server', 'client'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const line = ctx.sentence();
      const expected = uppercaseReply(Buffer.from(line)).toString('utf8');
      const client = await ctx.startClient(server, `${line}\n`);
      await expectPrinted(ctx, client, expected, "the client did not print the sentence in upper case when talking to the student's server", `${line}\n`);
    },
  },
};
