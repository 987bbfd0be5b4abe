// Where and when each check runs: in a worker, at most --jobs at once; outside a namespace, a check
// that failed is tried once more on the handout port, one at a time, for programs that hard-code it,
// and a check whose client is not told the server's port runs there, one at a time, at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Isolation } from '../isolate/namespaces.ts';
import { runInWorker, type WorkerJob } from '../isolate/run-in-worker.ts';
import type { WorkerReply } from '../isolate/worker.ts';
import { portFree } from '../peers/ports.ts';
import { labs } from '../checks/labs.ts';
import type { Spec, Transport } from '../spec/types.ts';
import { unrunResult } from './results.ts';
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

// A check that runs the student's client, where the client's arguments and input carry no {port}
// (udp-args: the handout's client sends to 12000, told only its bind port and message).
function clientNotToldPort(spec: Spec, checkId: string): boolean {
  const client = spec.programs.client;
  if (!client || !labs[spec.lab][checkId].roles.includes('client')) return false;
  return ![...client.args, client.stdin].some((template) => template.includes('{port}'));
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
    const port = job.spec.handoutPort;
    // A client the spec does not tell the server's port can only be graded on the handout port.
    if (!this.isolation.namespaces && port !== undefined && clientNotToldPort(job.spec, job.check.id)) {
      const noNamespaces = this.isolation.reason;
      return this.gate.alone(async () => {
        if (!(await waitUntilFree(port, job.spec.transport, job.spec.limits.ready))) {
          return { result: unrunResult(job.check, 'errored', `not run: another program on this machine is using the handout port ${port}, where this check's client sends (the spec does not tell it the server's port), and there is no private network here (${noNamespaces})`), maxRssBytes: 0 };
        }
        const reply = await this.attempt({ ...job, onHandoutPort: true });
        reply.result.notes = [...(reply.result.notes ?? []), `graded on the handout port ${port}, one check at a time, as there is no private network here (${noNamespaces}) and the client is not told the server's port`];
        return reply;
      });
    }
    const first = await this.attempt({ ...job, onHandoutPort: false });
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
