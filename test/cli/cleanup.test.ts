// "No process left behind": programs that ignore SIGTERM/SIGINT and spawn descendants are killed
// when their check ends, and an interrupted sockgrade still cleans up before it exits.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, cgroupsLeftBy, leftovers, notPassed, processesInside, processesMarked, ROOT, sockgrade, testFolder } from '../helpers.ts';

// Killed processes may take a moment to be reaped; bounded poll, no fixed sleep.
async function leftBehind(): Promise<string[]> {
  const deadline = Date.now() + 5000;
  while (processesMarked('stubborn-marker').length > 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  return processesMarked('stubborn-marker');
}


describe('cleanup', () => {
  it('kills programs that ignore SIGTERM, and all their descendants, at the end of each check', async () => {
    const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', 'test/fixtures/stubborn'], { json: true });
    expect(run.exitCode).toBe(1);
    // A correct server; only the client's refusal to exit is wrong.
    expect(notPassed(run.json!, 'test/fixtures/stubborn')).toEqual(['client-exits']);
    const servers = run.json!.submissions[0].checks.flatMap((c) => c.programs).filter((p) => p.role === 'server');
    expect(servers.filter((p) => p.stdoutTail.includes('started 2 children and a grandchild')).length).toBeGreaterThan(3);
    expect(await leftBehind()).toEqual([]);
    expect(processesInside(run.tmp)).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
  });

  it('on Ctrl-C (SIGINT) kills everything it started, removes its folders and exits 130', async () => {
    const tmp = testFolder('sockgrade-test-');
    const child = execa(process.execPath, [BIN, 'grade', '--spec', 'tcp-uppercase', 'test/fixtures/stubborn'], {
      cwd: ROOT,
      reject: false,
      env: { TMPDIR: tmp, NO_COLOR: '1' },
    });
    // Interrupt while the stubborn client is being waited for.
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('client-prints-reply') && resolve());
    });
    // client-exits is next: wait (bounded) until its stubborn client is running, then interrupt.
    const deadline = Date.now() + 10_000;
    while (processesMarked('stubborn-marker').length < 1 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(processesMarked('stubborn-marker').length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toMatch(/stopped by SIGINT/);
    expect(await leftBehind()).toEqual([]);
    expect(processesInside(tmp)).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);
    expect(cgroupsLeftBy(child.pid!)).toEqual([]);
  });

  it('killed with SIGKILL, it cannot clean up; its workers then stop their programs and remove their folders and cgroups', async () => {
    const tmp = testFolder('sockgrade-test-');
    const child = execa(process.execPath, [BIN, 'grade', '--spec', 'tcp-uppercase', 'test/fixtures/stubborn'], {
      cwd: ROOT,
      reject: false,
      env: { TMPDIR: tmp, NO_COLOR: '1' },
    });
    // Killed while a check runs a program: its folder and a stubborn process exist (bounded poll; a loaded machine is slow).
    const started = Date.now() + 50_000;
    while ((processesMarked('stubborn-marker').length < 1 || leftovers(tmp).length < 1) && Date.now() < started) await new Promise((resolve) => setImmediate(resolve));
    const sandboxes = leftovers(tmp);
    expect(sandboxes.length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect((await child).signal).toBe('SIGKILL');
    // The workers notice within moments (their stdin ends); bounded poll, no fixed sleep.
    const cgroups = () => cgroupsLeftBy(child.pid!);
    const cleaned = Date.now() + 10_000;
    while ((leftovers(tmp).length > 0 || cgroups().length > 0) && Date.now() < cleaned) await new Promise((resolve) => setImmediate(resolve));
    expect(await leftBehind()).toEqual([]);
    expect(processesInside(tmp)).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);
    expect(cgroups()).toEqual([]);
  }, 120_000);
});
