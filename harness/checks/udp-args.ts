// "UDP Using Arguments Task" (handout 001): the uppercase UDP server that logs each sender, and the
// client that binds the port and sends the message it is given (its two arguments; the server stays
// on the handout's port, so every check that runs the client has the server there). Expected values
// come from the reference.
import { senderLog, startUdpArgsServer } from '../../reference/udp-args.ts';
import { uppercaseReply } from '../../reference/uppercase.ts';
import { escapeInline } from '../engine/escape.ts';
import type { LateAnswers } from '../peers/late.ts';
import { portOf } from '../peers/watched.ts';
import type { Closable } from '../../reference/kit/loopback.ts';
import { answeringLate, clientExits, clientPrintsReply, type ClientRun, expectPrinted, firstRequest, mentionsPort, outputTail, runClientAgainstReference, serverReady, type StartReference, withoutLineEnd } from './common.ts';
import { clientAddress, serverPort } from './address.ts';
import { CheckFailure, type CheckContext, type Lab } from './types.ts';
import { uppercase } from './uppercase.ts';

type ArgsRun = ClientRun & { bindPort: number; reference: Closable };

/**
 * The student's client, run as the handout runs it (`{bindPort} {message}`: a free bind port and the
 * check's sentence), against the reference server on the check's server port: the handout's 12000
 * in a private network or in the handout port's lane (the client is not told the port); `late`
 * holds the answers back.
 */
async function runArgsClient(ctx: CheckContext, late?: LateAnswers): Promise<ArgsRun> {
  let bindPort = 0;
  let reference: Closable | undefined;
  const plain: StartReference = (port, observer) => startUdpArgsServer(port, observer);
  const chosen = late ? late.delaying(plain) : plain;
  const start: StartReference = async (port, observer) => (reference = await chosen(port, observer));
  const run = await runClientAgainstReference(ctx, start, async (message) => {
    bindPort = await ctx.freePort();
    return { values: { bindPort: String(bindPort), message } };
  });
  return { ...run, bindPort, reference: reference! };
}

/**
 * Another run on the port of `previous`, whose reference server is closed first: the check's
 * server port is handed out once (serverPort()), and a client that cannot be told another must
 * find the server where the first one was.
 */
async function runArgsClientAgain(ctx: CheckContext, previous: ArgsRun): Promise<ArgsRun> {
  await previous.client.stop();
  await previous.reference.close();
  const server = ctx.watch('reference server');
  const reference = ctx.own(await startUdpArgsServer(previous.port, server));
  const [line, bindPort] = [ctx.sentence(), await ctx.freePort()];
  const client = await ctx.startClient({ host: '127.0.0.1', port: previous.port }, { values: { bindPort: String(bindPort), message: line } });
  return { ...previous, line, client, server, bindPort, reference };
}

export const udpArgs: Lab = {
  'server-ready': serverReady,
  'server-port': serverPort(),
  'client-address': clientAddress(runArgsClient),
  'uppercase-reply': uppercase['uppercase-reply'],

  'server-logs-sender': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      for (let i = 1; i <= 2; i++) {
        const peer = await ctx.udp(server.host, `client ${i} of 2`);
        const message = ctx.sentence();
        peer.send(message, server.host, server.port);
        await peer.receive(ctx.limits.reply);
        const expected = senderLog(Buffer.from(message), '127.0.0.1', peer.localPort).join('\n');
        const logged = await server.program.waitForStdout((out) => out.includes(message) && mentionsPort(out, peer.localPort), ctx.limits.reply);
        if (!logged) {
          throw new CheckFailure(`the server's output does not show message ${i} and the port it came from (${peer.localPort})`, {
            sent: escapeInline(message),
            expected: escapeInline(expected),
            actual: outputTail(server.program),
          });
        }
      }
    },
  },

  'bound-port': {
    roles: ['client'],
    async run(ctx) {
      // Twice, with different bind ports, to a server on the same port: a client that happens to
      // pick the first one cannot pass, and the handout's client (server port 12000) can.
      let run: ArgsRun | undefined;
      for (let i = 1; i <= 2; i++) {
        run = run ? await runArgsClientAgain(ctx, run) : await runArgsClient(ctx);
        await firstRequest(ctx, run);
        const from = portOf(run.server.requests[0].peer);
        if (from !== run.bindPort) {
          throw new CheckFailure(`run ${i}: the datagram came from port ${from}, not from the port given as the first argument`, {
            expected: `source port ${run.bindPort}`,
            actual: `source port ${from}`,
          });
        }
      }
    },
  },

  'message-from-arg': {
    roles: ['client'],
    async run(ctx) {
      const run = await runArgsClient(ctx);
      const request = await firstRequest(ctx, run);
      if (withoutLineEnd(request) !== run.line) {
        throw new CheckFailure('the client did not send the whole message given as the second argument', {
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
      await clientPrintsReply(ctx, await runArgsClient(ctx, late), late, 'your own upper-casing');
    },
  },

  'client-exits': {
    roles: ['client'],
    run: async (ctx) => clientExits(ctx, await runArgsClient(ctx)),
  },

  'end-to-end': {
    roles: ['server', 'client'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer();
      const message = ctx.sentence();
      const expected = uppercaseReply(Buffer.from(message)).toString('utf8');
      const client = await ctx.startClient(server, { values: { bindPort: String(await ctx.freePort()), message } });
      await expectPrinted(ctx, client, expected, "the client did not print the message in upper case when talking to the student's server", message);
    },
  },
};
