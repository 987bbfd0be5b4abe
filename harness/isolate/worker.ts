// The worker's side: one check job in on stdin, its result out on stdout, then exit. It installs no
// signal handlers: as PID 1 of the namespace it then cannot be signalled by the programs it runs.
import { runCheck, type CheckJob } from '../engine/run-check.ts';
import { cleanUpEverything } from '../launch/cleanup.ts';

/** What a worker prints: the check's result and what the worker itself cost. */
export interface WorkerReply {
  result: Awaited<ReturnType<typeof runCheck>>;
  maxRssBytes: number;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Why: a check in its own process, so its programs, ports and namespaces are its alone. */
export async function serveOneCheck(): Promise<void> {
  process.on('exit', cleanUpEverything);
  const job = JSON.parse(await readAll(process.stdin)) as CheckJob;
  const result = await runCheck(job);
  const reply: WorkerReply = { result, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(reply), () => process.exit(0));
}
