// The contract between the engine and a lab's checks. A check drives programs through the context
// and either returns (passed) or throws a CheckFailure carrying the evidence.
import type { Closable } from '../../reference/kit/loopback.ts';
import type { FailureDetail } from '../engine/results.ts';
import type { Transcript } from '../engine/transcript.ts';
import type { Program } from '../launch/program.ts';
import type { PacketLog } from '../peers/packets.ts';
import type { Watched } from '../peers/watched.ts';
import type { TcpPeer } from '../peers/tcp.ts';
import type { UdpPeer } from '../peers/udp.ts';
import type { Limits, Role, Spec, Transport } from '../spec/types.ts';

/** The student's program did not do what the check asks; the message is for the student. */
export class CheckFailure extends Error {
  constructor(
    reason: string,
    readonly detail: FailureDetail = {},
  ) {
    super(reason);
  }
}

/** A student's server that has bound its port, and the address to reach it on. */
export interface StudentServer {
  host: string;
  /** Where it listens: in a private network, where it chose to if not where it was asked. */
  port: number;
  /** The port it was given, and how it should have read it (for messages). */
  asked: number;
  portArgument: string;
  /** The address it bound, as /proc shows it (0.0.0.0: every address). */
  bound: string;
  program: Program;
  /** The server's working folder (its private copy of the submission), and what was in it at start. */
  folder: string;
  filesAtStart: string[];
}

export interface ClientOptions {
  /** Scripted stdin; with keepInputOpen, only what is typed at start (more via ctx.type). */
  input?: string;
  keepInputOpen?: boolean;
  /** Values for the spec's other argument placeholders, e.g. { bindPort: '41234' }. */
  values?: Record<string, string>;
}

export interface CheckContext {
  readonly spec: Spec;
  readonly limits: Limits;
  readonly transcript: Transcript;
  /** A sentence of several lower-case words, different each call, fixed by the run's seed. */
  sentence(): string;
  /** A number in [0, 1), from a sequence fixed by the run's seed and the check. */
  random(): number;
  /** Starts the student's server; fails the check if it never gets ready (in a private network: on any port). */
  startServer(values?: Record<string, string>): Promise<StudentServer>;
  /** The student's servers this check started, in order. */
  readonly servers: StudentServer[];
  /** Every program this check started, in order. */
  readonly programs: Program[];
  /** Starts the student's client towards `target`; a string is its whole scripted stdin. */
  startClient(target: { host: string; port: number }, options: string | ClientOptions): Promise<Program>;
  /** Types into a program's open stdin, recorded in the transcript with the time. */
  type(program: Program, text: string): void;
  endInput(program: Program): void;
  /** Something the student should know although the check passed (shown with the result). */
  note(text: string): void;
  /** The port a server of this check (the student's or the reference) listens on: the handout's where isolated. */
  serverPort(): Promise<number>;
  /** In a private network addresses are followed: a program elsewhere is graded where it is. */
  readonly follows: boolean;
  /** What crossed the check's private network since its first client started; undefined elsewhere. */
  packets(): Promise<PacketLog | undefined>;
  /** The host name a program looked up and was answered `address`, if any. */
  nameOf(address: string): string | undefined;
  /** Any other free port, never the handout's (e.g. the port a udp-args client must bind). */
  freePort(): Promise<number>;
  /** Connects the harness to a server; a refused connection fails the check with `refused`. */
  tcp(target: { host: string; port: number }, name: string, refused: string): Promise<TcpPeer>;
  udp(host: string, name: string): Promise<UdpPeer>;
  /** A reference server's hooks, recorded in the transcript and waitable. */
  watch(name: string): Watched;
  /** Closes `resource` when the check ends. */
  own<T extends Closable>(resource: T): T;
}

export interface CheckDef {
  /** The submission's programs this check runs. */
  roles: Role[];
  /** Checks that must pass first; otherwise this one fails, naming them, without running. */
  needs?: string[];
  transports?: Transport[];
  run(ctx: CheckContext): Promise<void>;
}

export type Lab = Record<string, CheckDef>;
