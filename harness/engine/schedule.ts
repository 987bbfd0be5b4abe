// Where and when each check runs: in a worker, at most --jobs at once; outside a namespace, a check
// that failed is tried once more on the handout port, one at a time, for programs that hard-code it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Isolation } from '../isolate/namespaces.ts';
import { runInWorker, type WorkerJob } from '../isolate/run-in-worker.ts';
import type { WorkerReply } from '../isolate/worker.ts';
import { portFree } from '../peers/ports.ts';
import type { Transport } from '../spec/types.ts';
import { Gate, Slots } from './slots.ts';

// A port just released may still be held for a moment (a program being killed): polled, bounded.
async function waitUntilFree(port: number, transport: Transport, limitMs: number): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (!(await portFree(port, transport))) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export class Scheduler {
  private readonly slots: Slots;
  /** Outside a namespace: checks on free ports share it, a check on the handout port has it alone. */
  private readonly gate = new Gate();
  /** The largest memory a worker reported. */
  maxWorkerRss = 0;

  constructor(
    readonly isolation: Isolation,
    readonly jobs: number,
    private readonly script: string,
  ) {
    this.slots = new Slots(jobs);
  }

  /** Why: the one way a check is run, whatever the machine offers. */
  async run(job: Omit<WorkerJob, 'onHandoutPort'>): Promise<WorkerReply> {
    const first = await this.attempt({ ...job, onHandoutPort: false });
    const port = job.spec.handoutPort;
    if (this.isolation.namespaces || port === undefined || first.result.status !== 'failed') return first;
    const [firstReason, noNamespaces] = [first.result.reason, this.isolation.reason];
    return this.gate.alone(async () => {
      if (!(await waitUntilFree(port, job.spec.transport, job.spec.limits.ready))) {
        first.result.notes = [...(first.result.notes ?? []), `not tried on the handout port ${port}: another program on this machine is using it`];
        return first;
      }
      const second = await this.attempt({ ...job, onHandoutPort: true });
      second.result.notes = [
        ...(second.result.notes ?? []),
        `graded on the handout port ${port}, one check at a time, as there is no private network here (${noNamespaces}); on the port it was given it failed: ${firstReason}`,
      ];
      return second;
    });
  }

  private async attempt(job: WorkerJob): Promise<WorkerReply> {
    const run = () => this.slots.use(() => runInWorker(job, this.isolation, this.script));
    const reply = this.isolation.namespaces || job.onHandoutPort ? await run() : await this.gate.shared(run);
    this.maxWorkerRss = Math.max(this.maxWorkerRss, reply.maxRssBytes);
    return reply;
  }
}
