import type { SourcePosition } from '../engine/results.ts';

// The typed tree a spec file is parsed into. Plain data: a check running in a worker gets a copy.

export type Role = 'server' | 'client';
export type Transport = 'tcp' | 'udp';

export interface ProgramSpec {
  /** File name the submission provides, e.g. TCPServer.py (matched case-insensitively). */
  file: string;
  /** argv template: placeholders such as {host} and {port} are filled in per run. */
  args: string[];
  /** stdin template: {input} is the check's scripted input. */
  stdin: string;
  /** Environment variables the program gets besides sockgrade's own few. */
  env?: Record<string, string>;
}

/**
 * Times in milliseconds, sizes in bytes. In a check's namespaces memory, processes and disk bound all
 * its programs together (cgroups, a tmpfs); cpu, fileSize and openFiles, and memory again, each program.
 */
export interface Limits {
  ready: number;
  reply: number;
  exit: number;
  check: number;
  output: number;
  cpu: number;
  memory: number;
  processes: number;
  fileSize: number;
  openFiles: number;
  disk: number;
}

/** The limits that are waits: --timeout-scale stretches these, and only these. */
export const TIME_LIMITS = ['ready', 'reply', 'exit', 'check'] as const;

export interface CheckSpec {
  id: string;
  title: string;
  points: number;
  position: SourcePosition;
}

export interface Spec {
  name: string;
  title: string;
  description: string;
  lab: string;
  transport: Transport;
  handoutPort?: number;
  /** server-port and client-address give a port other than the handout's: a hard-coded one fails them. */
  portFromArguments: boolean;
  programs: Partial<Record<Role, ProgramSpec>>;
  limits: Limits;
  checks: CheckSpec[];
  /** The spec file, relative to the working directory (for messages). */
  file: string;
}

export const DEFAULT_LIMITS: Limits = {
  ready: 5000,
  reply: 2000,
  exit: 3000,
  check: 15000,
  output: 1 << 20,
  cpu: 10_000,
  memory: 512 << 20,
  processes: 64,
  fileSize: 64 << 20,
  openFiles: 256,
  disk: 256 << 20,
};

/** The placeholders a program's args and stdin may use; each check fills in those it needs. */
export const PLACEHOLDERS: Record<string, string> = {
  host: 'the address of the server a client talks to',
  port: 'the server port: the one a server must use, or the one a client must reach',
  input: "the check's scripted standard input",
  bindPort: 'a free local port a client must bind (udp-args)',
  message: 'a message a client must send, possibly with spaces (udp-args)',
  outfile: 'the file a server must write (sensor-stream); removed from the private copy before the program starts',
};
