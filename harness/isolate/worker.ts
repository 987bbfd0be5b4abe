// The worker's side: one check job in on stdin, its result out on stdout, then exit. It installs no
// signal handlers: as PID 1 of the namespace it then cannot be signalled by the programs it runs.
import { runCheck, type CheckJob } from '../engine/run-check.ts';
import { cleanUpEverything, killTagged, trackFolder } from '../launch/cleanup.ts';

/** What a worker prints: the check's result and what the worker itself cost. */
export interface WorkerReply {
  result: Awaited<ReturnType<typeof runCheck>>;
  maxRssBytes: number;
}

// The job is the first line of stdin. sockgrade keeps stdin open while it waits for the reply, so
// its end means sockgrade itself was killed (SIGKILL, the OOM killer, a cancelled CI job): nobody
// else is left to stop the check's programs.
function receiveJob(): Promise<CheckJob> {
  return new Promise((resolve) => {
    let text = '';
    let job: CheckJob | undefined;
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      if (job) return;
      text += chunk;
      const end = text.indexOf('\n');
      if (end < 0) return;
      job = JSON.parse(text.slice(0, end)) as CheckJob;
      resolve(job);
    });
    process.stdin.on('end', () => {
      if (job) killTagged(job.token);
      process.exit(3);
    });
  });
}

/** Why: a check in its own process, so its programs, ports and namespaces are its alone. */
export async function serveOneCheck(sandbox: string): Promise<void> {
  // The worker removes its sandbox (named on the command line, in case sockgrade dies before the
  // job is written) and cgroups however it exits; sockgrade does it only for a worker that was killed.
  trackFolder(sandbox);
  process.on('exit', cleanUpEverything);
  const result = await runCheck(await receiveJob());
  const reply: WorkerReply = { result, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(reply), () => process.exit(0));
}
