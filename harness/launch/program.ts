// One running student (or reference) program: started detached in its own process group so the
// whole tree can be killed, output captured within a cap, and every wait bounded.
import { execa } from 'execa';
import type { ProgramReport } from '../engine/results.ts';
import { killGroup, killTree, processTree, trackGroup } from './cleanup.ts';
import { OutputBuffer } from './output.ts';
import { trimTraceback } from './traceback.ts';

export interface Launch {
  role: string;
  command: string[];
  cwd: string;
  stdin: string;
  /** Leave stdin open after `stdin` so the check can type more, line by line, as time goes on. */
  keepInputOpen?: boolean;
  outputCap: number;
  /** Only whether the command's first word is sockgrade's own choice (python3, node): then a failure to start is sockgrade's problem. */
  interpreterIsOurs: boolean;
  /** The private copy of the submission it runs from: its own files, as opposed to a library's. */
  studentDir?: string;
  /** Put before the command when starting it (limits, confinement); never shown as the command. */
  wrapper?: string[];
  env?: Record<string, string>;
}

export interface Ending {
  code?: number;
  signal?: string;
  /** Set when the program could not be started at all. */
  startError?: string;
  killedByUs: boolean;
}

const DRAIN_MS = 500;

/** A problem sockgrade has, not the student: the check is reported as errored. */
export class HarnessError extends Error {}

export class Program {
  readonly stdout: OutputBuffer;
  readonly stderr: OutputBuffer;
  readonly ended: Promise<Ending>;
  private ending?: Ending;
  private killed = false;
  private readonly pid?: number;
  private readonly input?: NodeJS.WritableStream & { writable: boolean };

  constructor(readonly launch: Launch) {
    this.stdout = new OutputBuffer(launch.outputCap);
    this.stderr = new OutputBuffer(launch.outputCap);
    const [file, ...args] = [...(launch.wrapper ?? []), ...launch.command];
    const child = execa(file, args, {
      cwd: launch.cwd,
      // Only what the launch names: nothing of the grader's environment reaches a program.
      extendEnv: false,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', ...launch.env },
      detached: true,
      cleanup: false,
      buffer: false,
      reject: false,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      windowsHide: true,
    });
    this.pid = child.pid;
    if (this.pid !== undefined) trackGroup(this.pid);
    child.stdout?.on('data', (chunk: Buffer) => this.stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    // A program that exits without reading its input must not crash sockgrade with EPIPE.
    child.stdin?.on('error', () => {});
    this.input = child.stdin ?? undefined;
    // A child that outlived the program can hold its output pipes open for ever: once the program
    // itself has exited, its output gets a moment to drain, then the pipes are closed on our side.
    child.once('exit', () => {
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, DRAIN_MS).unref();
    });
    if (launch.keepInputOpen) child.stdin?.write(launch.stdin);
    else child.stdin?.end(launch.stdin);
    this.ended = child.then((result) => {
      const startError = result.exitCode === undefined && !result.signal ? String((result as any).code ?? result.shortMessage) : undefined;
      this.ending = { code: result.exitCode, signal: result.signal, startError, killedByUs: this.killed };
      // Children it left behind in its group die with it; those outside it are orphans already.
      if (this.pid !== undefined) killGroup(this.pid);
      return this.ending;
    });
  }

  get hasEnded(): boolean {
    return this.ending !== undefined;
  }

  /** Why: scripted input played over time (a chat typed line by line, a sensor at 100 Hz). */
  write(text: string): void {
    if (this.input?.writable) this.input.write(text);
  }

  /** Why: end of input is itself a signal the program must react to (Ctrl-D, the sensor stops). */
  endInput(): void {
    if (this.input?.writable) this.input.end();
  }

  /** Why: a bounded wait for the program to end on its own; undefined when it is still running. */
  async waitForEnd(timeoutMs: number): Promise<Ending | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([this.ended, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Why: resolves once the program has printed what `test` looks for, or false at the limit. */
  waitForStdout(test: (text: string) => boolean, timeoutMs: number): Promise<boolean> {
    return this.stdout.waitFor(test, timeoutMs, this.ended);
  }

  /** Why: what the program and its children hold (their sockets) is looked up by process id. */
  processIds(): number[] {
    return this.pid === undefined || this.hasEnded ? [] : processTree(this.pid);
  }

  /** Why: every check ends with this; SIGKILL to the group, then wait for the streams to close. */
  async stop(): Promise<Ending> {
    if (!this.hasEnded && this.pid !== undefined) {
      this.killed = true;
      killTree(this.pid);
    }
    return this.ended;
  }

  // Tracebacks in the tail are cut to the student's frames, with paths relative to their copy.
  private shown(output: OutputBuffer): string {
    return this.launch.studentDir ? trimTraceback(output.tail(), this.launch.studentDir) : output.tail();
  }

  /** Plain-data summary for reports. */
  report(): ProgramReport {
    return {
      role: this.launch.role,
      command: this.launch.command,
      ending: describeEnding(this.ending),
      stdoutTail: this.shown(this.stdout),
      stderrTail: this.shown(this.stderr),
    };
  }
}

/** Why: a command shown to a person must read back as the arguments it had (a message with spaces is one). */
export function displayCommand(command: string[]): string {
  return command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

// The signals the kernel sends when a program reaches one of its resource limits.
const LIMIT_SIGNALS: Record<string, string> = {
  SIGXCPU: ' (it used up its CPU time limit)',
  SIGXFSZ: ' (it wrote a file larger than the file size limit)',
};

/** Why: one wording for how a program ended, used in failures and in reports. */
export function describeEnding(ending: Ending | undefined): string {
  if (!ending) return 'still running';
  if (ending.startError) return `could not be started (${ending.startError})`;
  if (ending.killedByUs) return 'still running when the check ended (stopped by sockgrade)';
  if (ending.signal) return `killed by ${ending.signal}${LIMIT_SIGNALS[ending.signal] ?? ''}`;
  return `exited with status ${ending.code}`;
}
