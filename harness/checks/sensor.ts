// The sensor stream (handout 002, Task 1): SensorClient forwards readings played on its stdin at
// 100 Hz; SensorServer stores the first 100 in a file. Framing and storing follow the reference.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineFramer, parseReading, startSensorServer, STORED } from '../../reference/sensor.ts';
import { escapeInline } from '../engine/escape.ts';
import { describeEnding } from '../launch/program.ts';
import { kindOf } from '../launch/special.ts';
import type { TcpPeer } from '../peers/tcp.ts';
import { runClientAgainstReference, type ClientRun } from './common.ts';
import { clientAddress, serverPort } from './address.ts';
import { CheckFailure, type CheckContext, type Lab, type StudentServer } from './types.ts';

const PERIOD_MS = 10; // 100 Hz, as the handout's sensor.
const PLAYED = 150;
const REALTIME_MS = 200;
const OUTFILE = 'readings.txt';


/** Temperatures in °C as a TMP36 would give them: a slow random walk, two decimals. */
function readings(ctx: CheckContext, count: number): string[] {
  let value = 18 + ctx.random() * 8;
  return Array.from({ length: count }, () => {
    value += (ctx.random() - 0.5) * 0.4;
    return value.toFixed(2);
  });
}

/** Why: a sensor's pace: reading i goes out at start + i·10 ms (no drift); returns when each went, in transcript time. */
async function play(ctx: CheckContext, lines: string[], send: (line: string, index: number) => void): Promise<number[]> {
  const start = performance.now();
  const times: number[] = [];
  for (const [i, line] of lines.entries()) {
    const wait = start + i * PERIOD_MS - performance.now();
    if (wait > 0) await sleep(wait);
    send(line, i);
    times.push(ctx.transcript.now());
  }
  return times;
}

/**
 * Why: one comparison for every check: the readings as numbers, in order, with the first difference
 * named; `times`, when known, says when each reading arrived, so the report shows that moment.
 */
function compareReadings(got: string[], expected: string[], where: string, times: number[] = []): void {
  for (let i = 0; i < Math.min(got.length, expected.length); i++) {
    if (parseReading(got[i]) !== Number(expected[i])) {
      throw new CheckFailure(`reading ${i + 1} ${where} is "${escapeInline(got[i])}", expected ${expected[i]}`, {
        expected: expected.slice(Math.max(0, i - 2), i + 3).join(' '),
        actual: got.slice(Math.max(0, i - 2), i + 3).map((r) => escapeInline(r)).join(' '),
        at: times[i],
      });
    }
  }
  if (got.length !== expected.length) {
    throw new CheckFailure(`${got.length} readings ${where}, expected ${expected.length === STORED ? `exactly the first ${STORED}` : expected.length}`, {
      expected: `${expected.length} readings, the last ${expected.at(-1)}`,
      actual: `${got.length} readings${got.length ? `, the last ${escapeInline(got.at(-1)!)}` : ''}`,
      at: times[Math.min(got.length, expected.length)],
    });
  }
}

// ---- The server's side: the harness streams, the file is graded. ----

/** Why: a file a program wrote can be huge; only its beginning is ever needed. */
// The server owns its folder and may delete or lock it: what cannot be read holds no readings. It may
// also swap a FIFO or a link in: the open neither waits for a writer nor follows a link, and only a regular file is read.
function readHead(file: string, bytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new CheckFailure(notAFile(path.basename(file), info));
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

// What the server put there, without following a link; undefined when nothing (or a locked folder).
function entryAt(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function notAFile(name: string, info: Stats): string {
  const what = `${escapeInline(name)} is ${kindOf(info)}`;
  return info.isSymbolicLink() ? `${what}: write the readings into the file itself, not through a link` : `${what}, not a file`;
}

function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const looksLikeText = (file: string) => !readHead(file, 4096).includes(0);

/** The file the server wrote: the one its argument names, or else the only new text file (said in `note`). */
function storedFile(server: StudentServer): { file: string; note?: string } | undefined {
  const named = path.join(server.folder, OUTFILE);
  const info = entryAt(named);
  if (info?.isFile()) return { file: named };
  // A FIFO or a link where the file should be is the server's doing: a verdict at once, never a wait on it.
  if (info) throw new CheckFailure(notAFile(OUTFILE, info));
  const fresh = filesIn(server.folder).filter((name) => {
    const full = path.join(server.folder, name);
    return !server.filesAtStart.includes(name) && entryAt(full)?.isFile() && looksLikeText(full);
  });
  if (fresh.length !== 1) return undefined;
  const note = `the server did not write ${OUTFILE} (its second argument); graded ${escapeInline(fresh[0])}, the only new text file in its folder`;
  return { file: path.join(server.folder, fresh[0]), note };
}

/** The file's readings; while it may still be written, only lines already ended by a newline. */
function storedLines(found: { file: string } | undefined, complete = false): string[] {
  // 64 KiB is hundreds of readings: enough to tell the first 100 from too many.
  const lines = found ? readHead(found.file, 64 * 1024).toString('utf8').split('\n') : [];
  if (complete) lines.pop();
  return lines.filter((line) => line.trim() !== '');
}

/**
 * Why: the file is final once the server exits, or once the stream is over (`finished`) and the
 * file holds `expected` readings; polled, like readiness, and bounded by the exit limit.
 */
async function readStored(ctx: CheckContext, server: StudentServer, finished: () => boolean, expected: number): Promise<string[]> {
  const deadline = performance.now() + ctx.limits.exit;
  for (;;) {
    const done = server.program.hasEnded || performance.now() >= deadline;
    const found = storedFile(server);
    if (done || (finished() && storedLines(found, true).length >= expected)) {
      if (found?.note) ctx.note(found.note);
      if (found) return storedLines(found);
      const fresh = filesIn(server.folder).filter((name) => !server.filesAtStart.includes(name));
      throw new CheckFailure(
        fresh.length > 1
          ? `the server wrote several new files (${fresh.map((name) => escapeInline(name)).join(', ')}) and none is ${OUTFILE}, the name given as its second argument`
          : `the server wrote no file: expected ${OUTFILE}, the name given as its second argument (${server.program.hasEnded ? `the server ${describeEnding(await server.program.ended)}` : 'is it written and closed?'})`,
      );
    }
    await sleep(20);
  }
}

/** Why: the file must hold exactly the first readings streamed, as numbers, in order. */
async function expectStored(ctx: CheckContext, server: StudentServer, finished: () => boolean, streamed: string[]): Promise<void> {
  const expected = streamed.slice(0, STORED);
  const stored = await readStored(ctx, server, finished, expected.length);
  if (stored.length === 0) throw new CheckFailure("the server's file holds no reading: write each one on its own line, and close (or flush) the file");
  compareReadings(stored, expected, 'stored in the file');
}

async function streamTo(ctx: CheckContext, server: StudentServer): Promise<TcpPeer> {
  return ctx.tcp(server, 'sensor', 'the sensor could not connect');
}

// ---- The client's side: readings played on stdin, the reference server receives. ----

interface SensorRun extends ClientRun {
  readings: string[];
  played: number[];
}

/**
 * Why: plays a whole stream through the student's client. The first reading is typed at launch;
 * the rest, at 100 Hz, once the client has connected (or its ready limit passed), so start-up is not lateness.
 */
async function streamThroughClient(ctx: CheckContext): Promise<SensorRun> {
  const lines = readings(ctx, PLAYED);
  // The first reading goes with the start: a client that reads before it connects then goes somewhere.
  const run = await runClientAgainstReference(ctx, startSensorServer, () => ({ keepInputOpen: true, input: `${lines[0]}\n` }));
  const type = (line: string) => ctx.type(run.client, `${line}\n`);
  const played = [ctx.transcript.now()];
  await run.server.waitFor(() => run.server.connections.length > 0, ctx.limits.ready, run.client.ended);
  played.push(...(await play(ctx, lines.slice(1), type)));
  ctx.endInput(run.client);
  // A client that exits closes its connection, which is awaited; one that never connected cannot.
  await run.server.waitFor(() => run.server.closes.length > 0, ctx.limits.exit, run.server.connections.length === 0 ? run.client.ended : undefined);
  return { ...run, readings: lines, played };
}

/** Each reading the reference server received, framed from the byte stream, with when it was complete. */
function arrivals(run: ClientRun): Array<{ line: string; at: number }> {
  const framer = new LineFramer();
  const got = run.server.requests.flatMap((m) => framer.push(m.data).map((line) => ({ line, at: m.at })));
  const last = framer.end();
  return last.length > 0 ? [...got, { line: last[0], at: run.server.closes[0]?.at ?? Infinity }] : got;
}

async function nothingArrived(run: SensorRun): Promise<CheckFailure> {
  const state = run.client.hasEnded ? `the client ${describeEnding(await run.client.ended)}` : run.server.connections.length === 0 ? 'the client never connected' : 'the client connected but sent nothing';
  return new CheckFailure(`no reading reached the server (${state})`, { sent: `${run.readings.length} readings on stdin at 100 Hz, from ${run.readings[0]}` });
}

export const sensor: Lab = {
  'server-ready': {
    roles: ['server'],
    run: async (ctx) => void (await ctx.startServer({ outfile: OUTFILE })),
  },
  'server-port': serverPort({ outfile: OUTFILE }),
  'client-address': clientAddress(async (ctx) => (await streamThroughClient(ctx))),

  'stores-first-100': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer({ outfile: OUTFILE });
      const peer = await streamTo(ctx, server);
      const streamed = readings(ctx, PLAYED);
      // Readings 97–101 go in one segment, so a server that counts recv() calls, not readings, stores too many.
      const together = { first: STORED - 4, last: STORED };
      await play(ctx, streamed, (line, i) => {
        if (i === together.first) peer.send(`${streamed.slice(together.first, together.last + 1).join('\n')}\n`);
        else if (i < together.first || i > together.last) peer.send(`${line}\n`);
      });
      peer.end();
      await expectStored(ctx, server, () => peer.hasEnded, streamed);
    },
  },

  'stream-framing': {
    roles: ['server'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer({ outfile: OUTFILE });
      const peer = await streamTo(ctx, server);
      const streamed = readings(ctx, 8);
      // Three readings in one segment, then one split across two reads, then one per segment.
      peer.send(`${streamed.slice(0, 3).join('\n')}\n`);
      await peer.waitUntilRead(ctx.limits.reply);
      const split = streamed[3].length - 2;
      peer.send(streamed[3].slice(0, split));
      if (!(await peer.waitUntilRead(ctx.limits.reply))) await sleep(50); // Off Linux: give the read a chance.
      peer.send(`${streamed[3].slice(split)}\n`);
      await peer.waitUntilRead(ctx.limits.reply);
      for (const line of streamed.slice(4)) peer.send(`${line}\n`);
      peer.end();
      await expectStored(ctx, server, () => peer.hasEnded, streamed);
    },
  },

  'client-forwards': {
    roles: ['client'],
    async run(ctx) {
      const run = await streamThroughClient(ctx);
      const got = arrivals(run);
      if (got.length === 0) throw await nothingArrived(run);
      compareReadings(got.map((a) => a.line), run.readings, 'received by the server', got.map((a) => a.at));
      if (run.server.closes.length === 0) throw new CheckFailure(`the client did not close the connection within ${ctx.limits.exit / 1000}s after its input ended`);
    },
  },

  'client-realtime': {
    roles: ['client'],
    async run(ctx) {
      const run = await streamThroughClient(ctx);
      const got = arrivals(run);
      if (got.length === 0) throw await nothingArrived(run);
      // The first reading is typed while the client starts: its delay counts from the connection.
      const connectedAt = run.server.connections[0]?.at ?? 0;
      const delays = got.slice(0, run.played.length).map((a, i) => a.at - (i === 0 ? Math.max(run.played[0], connectedAt) : run.played[i]));
      const worst = delays.reduce((w, d, i) => (d > delays[w] ? i : w), 0);
      if (delays[worst] > REALTIME_MS) {
        const at = (ms: number) => `+${(ms / 1000).toFixed(3)}s`;
        const from = worst === 0 && connectedAt > run.played[0] ? ` (before the client connected, at ${at(connectedAt)}, from which its delay counts)` : '';
        throw new CheckFailure(
          `reading ${worst + 1} was played at ${at(run.played[worst])}${from} and reached the server at ${at(got[worst].at)}, ${Math.round(delays[worst])} ms late: send each reading as soon as it is read, not at the end`,
          { expected: `each reading at the server within ${REALTIME_MS} ms`, actual: `${delays.filter((d) => d > REALTIME_MS).length} of ${delays.length} readings later than that`, at: got[worst].at },
        );
      }
    },
  },

  'end-to-end': {
    roles: ['server', 'client'],
    needs: ['server-ready'],
    async run(ctx) {
      const server = await ctx.startServer({ outfile: OUTFILE });
      const client = await ctx.startClient(server, { keepInputOpen: true });
      const streamed = readings(ctx, PLAYED);
      await play(ctx, streamed, (line) => ctx.type(client, `${line}\n`));
      ctx.endInput(client);
      await client.waitForEnd(ctx.limits.exit);
      await expectStored(ctx, server, () => client.hasEnded, streamed);
    },
  },
};
