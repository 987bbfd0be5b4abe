// The hello exchanges (handout 004): TCPHelloServer greets first and prints what it hears;
// UDPHelloServer prints the sender and greets back; both clients say "Hello world!" and print the answer.
import { HELLO, senderLine, startTcpHelloServer, startUdpHelloServer } from '../../reference/hello.ts';
import { escapeInline } from '../engine/escape.ts';
import { answeringLate, clientSendsExactly, firstReply, mentionsPort, outputTail, printedAfter, printedTooEarly, runClientAgainstReference, serverReady, withoutLineEnd } from './common.ts';
import { clientAddress, serverPort } from './address.ts';
import { CheckFailure, type CheckContext, type Lab } from './types.ts';

const reference = (ctx: CheckContext) => (ctx.spec.transport === 'tcp' ? startTcpHelloServer : startUdpHelloServer);

export const hello: Lab = {
  'server-ready': serverReady,
  'server-port': serverPort(),
  'client-address': clientAddress((ctx) => runClientAgainstReference(ctx, reference(ctx))),

  greets: {
    roles: ['server'],
    needs: ['server-ready'],
    transports: ['tcp'],
    async run(ctx) {
      const peer = await ctx.tcp(await ctx.startServer(), 'sockgrade', 'sockgrade could not connect');
      // sockgrade says nothing: the server must speak first.
      const { data } = await peer.read((d) => d.length >= HELLO.length, ctx.limits.reply);
      if (withoutLineEnd(data) !== HELLO) {
        const why = data.length === 0 ? `the server sent nothing within ${ctx.limits.reply / 1000}s of accepting (send the greeting before receiving)` : 'the greeting is wrong';
        throw new CheckFailure(why, { expected: HELLO, actual: escapeInline(data) });
      }
    },
  },

  'prints-received': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const sentence = ctx.sentence();
      let port = 0;
      if (ctx.spec.transport === 'tcp') {
        const peer = await ctx.tcp(server, 'sockgrade', 'sockgrade could not connect');
        peer.send(sentence);
      } else {
        const peer = await ctx.udp(server.host, 'sockgrade');
        port = peer.localPort;
        peer.send(sentence, server.host, server.port);
      }
      const printed = await server.program.waitForStdout((out) => out.includes(sentence) && (port === 0 || mentionsPort(out, port)), ctx.limits.reply);
      if (!printed) {
        const expected = port === 0 ? sentence : `${senderLine('127.0.0.1', port)}\n${sentence}`;
        throw new CheckFailure(port === 0 ? 'the server did not print what the client sent' : 'the server did not print the sender (with its port) and the message', {
          sent: escapeInline(sentence),
          expected: escapeInline(expected),
          actual: outputTail(server.program),
        });
      }
    },
  },

  'replies-hello': {
    roles: ['server'],
    needs: ['server-ready'],
    transports: ['udp'],
    async run(ctx) {
      const server = await ctx.startServer();
      const peer = await ctx.udp(server.host, 'sockgrade');
      const sentence = ctx.sentence();
      peer.send(sentence, server.host, server.port);
      const answer = await peer.receive(ctx.limits.reply);
      if (!answer || withoutLineEnd(answer.data) !== HELLO) {
        throw new CheckFailure(answer ? `the answer is not "${HELLO}"` : `no answer came back to the sender within ${ctx.limits.reply / 1000}s`, {
          sent: escapeInline(sentence),
          expected: HELLO,
          actual: answer ? escapeInline(answer.data) : undefined,
        });
      }
    },
  },

  'client-sends': {
    roles: ['client'],
    run: async (ctx) => clientSendsExactly(ctx, await runClientAgainstReference(ctx, reference(ctx)), HELLO),
  },

  'client-prints-reply': {
    roles: ['client'],
    async run(ctx) {
      const late = answeringLate(ctx);
      const run = await runClientAgainstReference(ctx, late.delaying(reference(ctx)));
      late.watch(run.client.stdout);
      const tcp = ctx.spec.transport === 'tcp';
      // Over TCP the greeting comes unasked, on connection; over UDP it answers the client's datagram.
      // The greeting is held back a moment (late.ts): once the client is connected, it comes even if the client has ended.
      if (tcp && (await run.server.waitFor(() => run.server.connections.length > 0, ctx.limits.ready, run.client.ended))) {
        await run.server.waitFor(() => run.server.replies.length > 0, ctx.limits.reply);
      } else if (!tcp) await firstReply(ctx, run);
      if (run.server.replies.length === 0) throw new CheckFailure(`the client never ${tcp ? 'connected' : 'sent its datagram'}, so it had no answer to print`);
      const expected = tcp ? HELLO : `${senderLine('127.0.0.1', run.port)}\n${HELLO}`;
      // The sender is what a "from" line names: the port alone could be echoed from argv.
      const namesSender = (out: string) => out.split('\n').some((line) => /from/i.test(line) && mentionsPort(line, run.port));
      const before = late.sent[0]?.printedBefore;
      const printed = await run.client.waitForStdout((out) => printedAfter(run.client.stdout.bytes(), HELLO, before) && (tcp || namesSender(out)), ctx.limits.reply);
      if (!printed) {
        if (run.client.stdout.bytes().includes(HELLO) && !printedAfter(run.client.stdout.bytes(), HELLO, before)) {
          const detail = { expected: escapeInline(expected), actual: outputTail(run.client), at: run.server.replies[0].at };
          throw printedTooEarly(`"${HELLO}"`, late.sent[0].pauseMs, 'a greeting of your own', detail);
        }
        const what = tcp ? "the client did not print the server's greeting" : "the client did not print the answer and who sent it (the server's port)";
        throw new CheckFailure(what, { expected: escapeInline(expected), actual: outputTail(run.client) });
      }
    },
  },
};
