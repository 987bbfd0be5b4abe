// "No process left behind": programs that ignore SIGTERM/SIGINT and spawn descendants are killed
// when their check ends, and an interrupted sockgrade still cleans up before it exits.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, leftovers, notPassed, processesInside, ROOT, sockgrade, testFolder } from '../helpers.ts';

function pidFile(): string {
  const file = path.join(testFolder('sockgrade-pids-'), 'pids');
  writeFileSync(file, '');
  return file;
}

// Killed processes may take a moment to be reaped; bounded poll, no fixed sleep.
async function alive(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + 5000;
  let living = pids;
  while (Date.now() < deadline) {
    living = pids.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '));
    if (living.length === 0) return [];
    await new Promise((resolve) => setImmediate(resolve));
  }
  return living;
}

const pidsIn = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);

describe('cleanup', () => {
  it('kills programs that ignore SIGTERM, and all their descendants, at the end of each check', async () => {
    const pids = pidFile();
    const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', 'test/fixtures/stubborn'], { json: true, env: { STUBBORN_PIDS: pids } });
    expect(run.exitCode).toBe(1);
    // A correct server; only the client's refusal to exit is wrong.
    expect(notPassed(run.json!, 'test/fixtures/stubborn')).toEqual(['client-exits']);
    expect(pidsIn(pids).length).toBeGreaterThan(10);
    expect(await alive(pidsIn(pids))).toEqual([]);
    expect(processesInside(run.tmp)).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
  });

  it('on Ctrl-C (SIGINT) kills everything it started, removes its folders and exits 130', async () => {
    const pids = pidFile();
    const tmp = testFolder('sockgrade-test-');
    const child = execa(process.execPath, [BIN, 'grade', '--spec', 'tcp-uppercase', 'test/fixtures/stubborn'], {
      cwd: ROOT,
      reject: false,
      env: { TMPDIR: tmp, NO_COLOR: '1', STUBBORN_PIDS: pids },
    });
    // Interrupt while the stubborn client is being waited for.
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('client-prints-reply') && resolve());
    });
    // client-exits is next: wait (bounded) until its stubborn client is running, then interrupt.
    const deadline = Date.now() + 10_000;
    while (processesInside(tmp).length < 2 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(processesInside(tmp).length).toBeGreaterThan(1);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toMatch(/stopped by SIGINT/);
    expect(await alive(pidsIn(pids))).toEqual([]);
    expect(processesInside(tmp)).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);
  });
});
