// The uppercase labs (UDPServer/UDPClient, TCPServer/TCPClient): checks of the server, of the
// client, and of the pair. Expected answers come from the reference's uppercaseReply.
import { startTcpUppercaseServer, startUdpUppercaseServer, uppercaseReply } from '../../reference/uppercase.ts';
import { escapeInline } from '../engine/escape.ts';
import type { TcpPeer } from '../peers/tcp.ts';
import { answeringLate, clientExits, clientPrintsReply, expectPrinted, firstRequest, runClientAgainstReference, serverReady, typed, withoutLineEnd } from './common.ts';
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

export const uppercase: Lab = {
  'server-ready': serverReady,

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
      for (let i = 1; i <= 3; i++) {
        const sentence = ctx.sentence();
        const who = `client ${i} of 3`;
        const answer = await ask(ctx, server, sentence, who);
        if (!answer) {
          throw new CheckFailure(`${noAnswer(ctx, who)}: the server must go back to waiting for the next client`, { sent: escapeInline(sentence) });
        }
        // Each client must get the answer to its own sentence; its case is uppercase-reply's concern.
        if (withoutLineEnd(answer).toLowerCase() !== sentence.toLowerCase()) {
          throw new CheckFailure(`${who} got an answer that is not about its own sentence`, {
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
      const first = await askOverTcp(ctx, server, sentence, 'client 1');
      if (first.answer.length === 0) throw new CheckFailure(noAnswer(ctx, 'sockgrade'), { sent: escapeInline(sentence) });
      if (!(await first.peer.waitForEnd(ctx.limits.reply))) {
        throw new CheckFailure(`the server did not close the connection within ${ctx.limits.reply / 1000}s after answering (call close() on the connection socket)`);
      }
      const second = ctx.sentence();
      const answer = await ask(ctx, server, second, 'client 2');
      if (!answer) throw new CheckFailure(`after closing the first connection the server did not serve a new client: ${noAnswer(ctx, 'client 2')}`, { sent: escapeInline(second) });
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
