// Program runs real subprocesses: small Python fixtures written into a private temp folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEnding, displayCommand, Program } from '../../harness/launch/program.ts';

let dir: string;
let python: string;
const started: Program[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-program-test-'));
  // The real interpreter, not a pyenv shell shim, so the pid we see is Python's own.
  python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((program) => program.stop()));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, code: string): string {
  writeFileSync(path.join(dir, name), code);
  return name;
}

function run(command: string[], options: { stdin?: string; outputCap?: number; keepInputOpen?: boolean } = {}): Program {
  const program = new Program({
    role: 'server',
    command,
    cwd: dir,
    stdin: options.stdin ?? '',
    keepInputOpen: options.keepInputOpen,
    outputCap: options.outputCap ?? 1 << 20,
    interpreterIsOurs: false,
  });
  started.push(program);
  return program;
}

const py = (name: string, code: string, options?: { stdin?: string; outputCap?: number }) => run([python, script(name, code)], options);

/** Bounded poll: true once none of `pids` has a /proc entry (zombies included) any more. */
async function allGone(pids: number[], limitMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (pids.every((pid) => !existsSync(`/proc/${pid}`))) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ESRCH');
    return false;
  }
}

describe('Program output and input', () => {
  it('resolves waitForStdout as soon as the text appears, while the program still runs', async () => {
    const program = py('hello.py', 'import time\nprint("hello there")\ntime.sleep(60)\n');
    const began = Date.now();
    expect(await program.waitForStdout((text) => text.includes('hello there'), 20_000)).toBe(true);
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(program.hasEnded).toBe(false);
    // Python may write the text and its newline separately: the wait must not need the newline.
    expect(program.stdout.text()).toMatch(/^hello there\n?$/);
  });

  it('resolves waitForStdout false at its limit for text that never appears', async () => {
    const program = py('quiet.py', 'import time\nprint("something else")\ntime.sleep(60)\n');
    const began = Date.now();
    expect(await program.waitForStdout((text) => text.includes('never printed'), 300)).toBe(false);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(program.hasEnded).toBe(false);
  });

  it('resolves waitForStdout false as soon as the program ends without the text', async () => {
    const program = py('bye.py', 'print("bye")\n');
    const began = Date.now();
    expect(await program.waitForStdout((text) => text.includes('never printed'), 20_000)).toBe(false);
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(program.hasEnded).toBe(true);
  });

  it('delivers stdin to the program', async () => {
    const program = py('upper.py', 'import sys\nsys.stdout.write(sys.stdin.read().upper())\n', { stdin: 'abc\ndef\n' });
    const ending = await program.waitForEnd(20_000);
    expect(ending).toMatchObject({ code: 0, killedByUs: false });
    expect(program.stdout.text()).toBe('ABC\nDEF\n');
  });

  it('keeps stdin open for lines typed over time, and ends it on request', async () => {
    const program = run([python, script('lines.py', 'import sys\nfor line in sys.stdin:\n    print(line.strip().upper(), flush=True)\nprint("eof")\n')], {
      stdin: 'first\n',
      keepInputOpen: true,
    });
    expect(await program.waitForStdout((text) => text.includes('FIRST'), 20_000)).toBe(true);
    program.write('second\n');
    expect(await program.waitForStdout((text) => text.includes('SECOND'), 20_000)).toBe(true);
    expect(program.hasEnded).toBe(false);
    program.endInput();
    expect(await program.waitForEnd(20_000)).toMatchObject({ code: 0, killedByUs: false });
    expect(program.stdout.text()).toBe('FIRST\nSECOND\neof\n');
    // Typing after the end, or to a program that is gone, is not an error.
    program.write('late\n');
    program.endInput();
  });

  it('captures stderr separately from stdout', async () => {
    const program = py('err.py', 'import sys\nprint("out")\nprint("err", file=sys.stderr)\n');
    await program.waitForEnd(20_000);
    expect(program.stdout.text()).toBe('out\n');
    expect(program.stderr.text()).toBe('err\n');
  });
});

describe('Program endings', () => {
  it('waitForEnd returns the exit status', async () => {
    const program = py('exit3.py', 'import sys\nsys.exit(3)\n');
    const ending = await program.waitForEnd(20_000);
    expect(ending).toMatchObject({ code: 3, killedByUs: false });
    expect(ending?.startError).toBeUndefined();
    expect(describeEnding(ending)).toBe('exited with status 3');
    expect(program.report().ending).toBe('exited with status 3');
  });

  it('waitForEnd returns undefined at its limit for a program that keeps running', async () => {
    const program = py('forever.py', 'import time\ntime.sleep(60)\n');
    expect(await program.waitForEnd(300)).toBeUndefined();
    expect(program.hasEnded).toBe(false);
    expect(describeEnding(undefined)).toBe('still running');
    const ending = await program.stop();
    expect(ending.killedByUs).toBe(true);
    expect(describeEnding(ending)).toBe('still running when the check ended (stopped by sockgrade)');
  });

  it('reports a command that does not exist as could not be started', async () => {
    const program = run(['sockgrade-no-such-command-4f1c']);
    const ending = await program.waitForEnd(20_000);
    expect(ending?.startError).toBe('ENOENT');
    expect(ending?.code).toBeUndefined();
    expect(describeEnding(ending)).toMatch(/^could not be started \(/);
  });

  it('reports the signal that killed a program that did not ignore it', async () => {
    const program = py('selfkill.py', 'import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n');
    const ending = await program.waitForEnd(20_000);
    expect(ending).toMatchObject({ signal: 'SIGTERM', killedByUs: false });
    expect(ending?.code).toBeUndefined();
    expect(describeEnding(ending)).toBe('killed by SIGTERM');
  });
});

describe('Program.stop', () => {
  it('kills a program that ignores SIGTERM and SIGINT, with its children and grandchildren', async () => {
    const ignore = 'import os, signal, subprocess, sys, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n';
    script('child.py', `${ignore}g = subprocess.Popen(['sleep', '60'])\nprint(g.pid, flush=True)\ntime.sleep(60)\n`);
    const program = py(
      'tree.py',
      `${ignore}sleeper = subprocess.Popen(['sleep', '60'])
same = subprocess.Popen([sys.executable, 'child.py'], stdout=subprocess.PIPE)
# This child leaves the process group: only the ppid links reach it and its child.
apart = subprocess.Popen([sys.executable, 'child.py'], stdout=subprocess.PIPE, start_new_session=True)
pids = [os.getpid(), sleeper.pid, same.pid, int(same.stdout.readline()), apart.pid, int(apart.stdout.readline())]
with open('pids.tmp', 'w') as f:
    f.write(' '.join(map(str, pids)))
os.rename('pids.tmp', 'pids.txt')
print('ready', flush=True)
while True:
    time.sleep(60)
`,
    );
    expect(await program.waitForStdout((text) => text.includes('ready'), 20_000)).toBe(true);
    const pids = readFileSync(path.join(dir, 'pids.txt'), 'utf8').trim().split(' ').map(Number);
    expect(pids).toHaveLength(6);
    for (const pid of pids) expect(isAlive(pid)).toBe(true);

    try {
      const ending = await Promise.race([program.stop(), new Promise<undefined>((resolve) => setTimeout(resolve, 15_000, undefined))]);
      expect(ending, 'stop() must resolve once the whole tree is dead').toMatchObject({ killedByUs: true });
      expect(await allGone(pids)).toBe(true);
      for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    } finally {
      // Only reached with live pids when the test has failed: leave nothing behind anyway.
      for (const pid of pids.filter((p) => existsSync(`/proc/${p}`))) process.kill(pid, 'SIGKILL');
    }
  });
});

describe('Program output cap', () => {
  it('drops output beyond the cap without blocking the program', async () => {
    const total = 5 * 1024 * 1024;
    const cap = 64 * 1024;
    const program = py('flood.py', `import sys\nsys.stdout.buffer.write(b'x' * ${total})\nsys.stdout.flush()\n`, { outputCap: cap });
    const ending = await program.waitForEnd(30_000);
    expect(ending).toMatchObject({ code: 0, killedByUs: false });
    expect(program.stdout.bytes().length).toBe(cap);
    expect(program.stdout.tail()).toContain(`${total} bytes in all`);
    expect(program.report().stdoutTail).toContain(`${total} bytes in all`);
  });
});

describe('displayCommand', () => {
  it('quotes the arguments a shell would split or expand, so the line reads back as the same argv', () => {
    expect(displayCommand(['python3', 'UDPClient-usingarg.py', '41234', 'hello from client 1', '12000'])).toBe(
      "python3 UDPClient-usingarg.py 41234 'hello from client 1' 12000",
    );
    expect(displayCommand(['./x', "it's", '', '$HOME', 'a/b.py'])).toBe("./x 'it'\\''s' '' '$HOME' a/b.py");
  });
});
