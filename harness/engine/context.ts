// The engine's side of CheckContext: it owns every process, socket and folder a check creates,
// and dispose() releases them all whatever way the check ended.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import getPort from 'get-port';
import { listenOnEveryAddress, type Closable } from '../../reference/kit/loopback.ts';
import { ADDRESS_CHECKS } from '../checks/address-checks.ts';
import { CheckFailure, type CheckContext, type ClientOptions, type StudentServer } from '../checks/types.ts';
import { killTagged, removeFolder } from '../launch/cleanup.ts';
import { ownTree } from '../launch/own.ts';
import { copySubmission, type RoleProgram, type Submission } from '../launch/prepare.ts';
import { displayCommand, HarnessError, Program } from '../launch/program.ts';
import { portFree } from '../peers/ports.ts';
import type { PacketLog } from '../peers/packets.ts';
import { waitUntilReady } from '../peers/ready.ts';
import { TcpPeer } from '../peers/tcp.ts';
import { UdpPeer } from '../peers/udp.ts';
import { Watched } from '../peers/watched.ts';
import type { Role, Spec } from '../spec/types.ts';
import { confinement } from '../isolate/confine.ts';
import { interpreterNeeds, World, worldOps } from '../isolate/world.ts';
import { formatLimit } from '../spec/load.ts';
import { randomFor, sentencesFor } from './inputs.ts';
import type { CheckJob } from './run-check.ts';
import { CheckNetwork } from './network.ts';
import { Transcript } from './transcript.ts';

// A placeholder the lab did not supply is a spec that does not fit its lab: sockgrade's error.
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (values[key] === undefined) throw new HarnessError(`the spec's {${key}} has no value in this check (it supplies ${Object.keys(values).map((k) => `{${k}}`).join(', ')})`);
    return values[key];
  });
}

// How long a server that listens on another port has to open the asked one too, before it is followed.
const FOLLOW_GRACE_MS = 500;

export class Context implements CheckContext {
  readonly transcript = new Transcript();
  readonly programs: Program[] = [];
  readonly notes: string[] = [];
  readonly sentence: () => string;
  readonly random: () => number;
  private readonly resources: Closable[] = [];
  private readonly folders: string[] = [];
  private disposed = false;

  readonly spec: Spec;
  private readonly submission: Submission;
  private handoutPortTaken = false;
  /** Where the programs' copies go: in a namespace, the world's sandbox (seen by them as /sandbox). */
  private readonly box: string;
  private world?: Promise<World>;
  private readonly network?: CheckNetwork;
  private names?: { nameOf(address: string): string | undefined };
  /** Addresses are followed only in a private network: elsewhere another port could be anyone's. */
  readonly follows: boolean;
  /** server-port and client-address: they give the port the spec demands, and wait for it. */
  private readonly judgesAddress: boolean;
  readonly servers: StudentServer[] = [];

  constructor(
    private readonly job: CheckJob,
    private readonly roles: Role[] = ['server', 'client'],
  ) {
    this.spec = job.spec;
    this.submission = job.submission;
    this.sentence = sentencesFor(job.seed, job.check.id);
    this.random = randomFor(job.seed, job.check.id);
    this.box = job.isolated ? path.join(job.sandbox, 'sandbox') : job.sandbox;
    // Programs' temporary files go to the sandbox too: it is the only place they may write.
    if (!job.isolated) mkdirSync(path.join(job.sandbox, 'tmp'), { recursive: true });
    this.follows = job.isolated;
    this.judgesAddress = ADDRESS_CHECKS.includes(job.check.id);
    if (job.isolated) {
      listenOnEveryAddress();
      this.network = new CheckNetwork(job.python, this.transcript, (r) => this.own(r));
    }
  }

  /** A path in the worker's view of the sandbox, as the programs see it (the world's root is the check's folder). */
  private seen(file: string): string {
    return this.job.isolated ? file.slice(this.job.sandbox.length) || '/' : file;
  }

  // The check's world, built on its first program: every role's interpreter is shown in it.
  private enterWorld(): Promise<World> {
    const needs = Object.values(this.submission.roles).flatMap((role) => (role && 'command' in role ? interpreterNeeds(role.command) : []));
    // A check with a client watches its network from before the first program, at no wait of its own.
    if (this.roles.includes('client')) void this.network?.watch();
    this.world ??= Promise.all([World.start(this.job.sandbox, this.limits.disk, this.job.programUid, worldOps(needs)), this.network?.nameServer()]).then(([world, dns]) => {
      this.names = dns;
      return world;
    });
    return this.world;
  }

  /** What crossed the check's private network, once a client started there; undefined elsewhere. */
  packets(): Promise<PacketLog | undefined> {
    return this.network?.packets() ?? Promise.resolve(undefined);
  }

  nameOf(address: string): string | undefined {
    return this.names?.nameOf(address);
  }

  // Only what a program needs, and what the spec and the manifest name: nothing of the grader's
  // environment (tokens, keys, paths).
  private programEnv(role: Role): Record<string, string> {
    const named = { ...this.spec.programs[role]?.env, ...(this.submission.roles[role] as RoleProgram).env };
    if (this.job.isolated) {
      return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/tmp', LANG: 'C.UTF-8', TMPDIR: '/tmp', ...named };
    }
    const tmp = path.join(this.job.sandbox, 'tmp');
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.job.sandbox, LANG: 'C.UTF-8', TMPDIR: tmp, ...named, SOCKGRADE_CHECK: this.job.token };
  }

  get limits() {
    return this.spec.limits;
  }


  // In a private network the server port is the handout's, so hard-coded programs pass; elsewhere
  // any free port, unless this is the one-at-a-time attempt on the handout port.
  async serverPort(): Promise<number> {
    // A spec that demands ports from the arguments has server-port and client-address use another.
    if (this.judgesAddress && this.spec.portFromArguments) return this.freePort();
    const handout = this.spec.handoutPort;
    if (handout !== undefined && (this.job.isolated || this.job.onHandoutPort) && !this.handoutPortTaken) {
      this.handoutPortTaken = true;
      return handout;
    }
    return this.freePort();
  }

  // Other ports are never the handout port: a program that hard-codes it must not pass by luck.
  // get-port tests TCP only; a UDP lab's port must also be free for UDP.
  async freePort(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const port = await getPort({ exclude: this.spec.handoutPort ? [this.spec.handoutPort] : [] });
      if (this.spec.transport === 'tcp' || attempt === 20 || (await portFree(port, 'udp'))) return port;
    }
  }

  private async launch(role: Role, values: Record<string, string>, keepInputOpen = false): Promise<Program> {
    if (this.disposed) throw new HarnessError('the check already ended');
    const program = this.submission.roles[role] as RoleProgram;
    const template = this.spec.programs[role]!;
    const world = this.job.isolated ? await this.enterWorld() : undefined;
    if (world && role === 'client') await (await this.network?.watch())?.clientStarts(this.limits.reply);
    const copy = await this.copy();
    // The check's limit may have struck during the copy: dispose() has stopped the programs it knew.
    if (this.disposed) throw new HarnessError('the check already ended');
    // A file the program must write is graded only if the program wrote it, not if the student shipped one.
    if (values.outfile) rmSync(path.join(copy, program.cwd, values.outfile), { force: true, recursive: true });
    const cwd = path.join(copy, program.cwd);
    if (world) {
      if (this.job.programUid !== 0) await ownTree(copy, this.job.programUid);
      await world.grant(this.seen(cwd));
    }
    const placement = world && { holder: world.holder, cwd: this.seen(cwd), uid: this.job.programUid, cgroups: this.job.cgroups };
    const started = new Program({
      role,
      command: [...program.command, ...template.args.map((arg) => fill(arg, values))],
      cwd,
      stdin: fill(template.stdin, values),
      keepInputOpen,
      outputCap: this.limits.output,
      interpreterIsOurs: program.interpreterIsOurs,
      studentDir: this.seen(copy),
      wrapper: confinement(this.limits, placement),
      env: this.programEnv(role),
    });
    this.programs.push(started);
    this.transcript.record('sockgrade', role, `start: ${displayCommand(started.launch.command)}`);
    if (started.launch.stdin) this.transcript.record('sockgrade', `${role} stdin`, 'input', started.launch.stdin);
    return started;
  }

  // A private copy per program run; a sandbox too full for it is the student's to fix.
  private async copy(): Promise<string> {
    try {
      const copy = await copySubmission(this.submission.dir, this.box);
      this.folders.push(copy);
      return copy;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
        throw new CheckFailure(`no room left for a copy of the submission in the check's sandbox (its disk limit is ${formatLimit('disk', this.limits.disk)}): the submission, or what its programs wrote, is too large`);
      }
      throw error;
    }
  }

  async startServer(values: Record<string, string> = {}): Promise<StudentServer> {
    const port = await this.serverPort();
    // Read off the submission itself: the copy is identical, and the server may already be writing to it.
    const filesAtStart = readdirSync(path.join(this.submission.dir, (this.submission.roles.server as RoleProgram).cwd)).filter((f) => f !== values.outfile);
    const program = await this.launch('server', { ...values, port: String(port), input: '' });
    // server-port waits its whole limit for the asked port; other checks follow another port sooner.
    const follow = this.follows ? { graceMs: this.judgesAddress ? this.limits.ready : FOLLOW_GRACE_MS } : undefined;
    const readiness = await waitUntilReady(program, this.spec.transport, port, this.limits.ready, this.portArgument(program), follow);
    // runCheck turns this into sockgrade's error when it was our interpreter that failed to start.
    if (!readiness.ready) throw new CheckFailure(readiness.reason);
    const portArgument = this.portArgument(program);
    const server = { host: readiness.host, bound: readiness.bound, port: readiness.port, asked: port, portArgument, program, folder: program.launch.cwd, filesAtStart };
    this.servers.push(server);
    if (readiness.port === port) {
      this.transcript.record('server', 'sockgrade', `ready on ${readiness.host} port ${port}`);
    } else {
      this.transcript.record('server', 'sockgrade', `ready on ${readiness.host} port ${readiness.port}, not on port ${port} it was given: followed there`);
      if (!this.judgesAddress) this.note(`the server listens on port ${readiness.port}, not on port ${port} it was given (${portArgument}); this check talked to it on port ${readiness.port}; where it listens is server-port's to judge`);
    }
    return server;
  }

  // How to tell a student where the port is: `sys.argv[1]` for Python, the argument's place otherwise.
  private portArgument(program: Program): string {
    const index = this.spec.programs[program.launch.role as Role]!.args.findIndex((arg) => arg.includes('{port}')) + 1;
    if (index === 0) return 'the spec passes no {port} argument';
    const python = /python/i.test(path.basename(program.launch.command[0]));
    return python ? `read the port from sys.argv[${index}]` : `read the port from argument ${index} of the command line`;
  }

  startClient(target: { host: string; port: number }, options: string | ClientOptions): Promise<Program> {
    const { input = '', keepInputOpen = false, values = {} } = typeof options === 'string' ? { input: options } : options;
    return this.launch('client', { ...values, host: target.host, port: String(target.port), input }, keepInputOpen);
  }

  type(program: Program, text: string): void {
    this.transcript.record('sockgrade', `${program.launch.role} stdin`, 'input', text);
    program.write(text);
  }

  endInput(program: Program): void {
    this.transcript.record('sockgrade', `${program.launch.role} stdin`, 'end of input');
    program.endInput();
  }

  note(text: string): void {
    this.notes.push(text);
  }

  async tcp(target: { host: string; port: number }, name: string, refused: string): Promise<TcpPeer> {
    try {
      return this.own(await TcpPeer.connect(target.host, target.port, this.transcript, name, this.limits.reply));
    } catch (error) {
      throw new CheckFailure(`${refused}: ${(error as Error).message}`);
    }
  }

  async udp(host: string, name: string): Promise<UdpPeer> {
    return this.own(await UdpPeer.open(host, this.transcript, name));
  }

  watch(name: string): Watched {
    return new Watched(this.transcript, name, this.spec.transport === 'udp' ? 'datagram' : 'data');
  }

  own<T extends { close(): unknown }>(resource: T): T {
    this.resources.push({ close: async () => void (await resource.close()) });
    return resource;
  }

  /** Why: after this nothing the check started is running or on disk. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.transcript.end();
    // Programs first: their death closes their sockets, so no close() below waits on them.
    const stopped = Promise.all(this.programs.map((p) => p.stop()));
    // In a namespace, the world's holder takes every process left in it along (a setsid daemon);
    // outside one, what left the programs' trees still has the token.
    if (this.world) void this.world.then((world) => world.stop(), () => {});
    else killTagged(this.job.token);
    await stopped;
    await Promise.all(this.resources.map((r) => r.close().catch(() => {})));
    // In a namespace the copies are in the world's tmpfs, gone with the worker.
    if (!this.job.isolated) for (const folder of this.folders) removeFolder(folder);
  }
}
