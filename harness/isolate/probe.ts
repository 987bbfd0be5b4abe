// The probe's worker: builds a world as a check would and runs a confined `true` in it, so that a
// machine that cannot do any step says so once, at the start, instead of in every check.
import { confinement } from './confine.ts';
import type { ProbeJob } from './namespaces.ts';
import { World, worldOps } from './world.ts';
import { execa } from 'execa';

/** Why: exits 0 when a program can run confined here, else 1 with sockgrade's reason on stderr. */
export async function probeWorld(root: string, job: ProbeJob): Promise<void> {
  try {
    const world = await World.start(root, 1 << 20, job.programUid, worldOps([]));
    const wrapper = confinement(job.limits, { holder: world.holder, cwd: '/sandbox', uid: job.programUid, cgroups: [] });
    const run = await execa(wrapper[0], [...wrapper.slice(1), 'true'], { reject: false, extendEnv: false, env: { PATH: '/usr/bin:/bin' } });
    world.stop();
    if (run.exitCode !== 0) throw new Error(String(run.stderr).trim().split('\n').at(-1) || `a confined program ended with ${run.signal ?? `status ${run.exitCode}`}`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`sockgrade: ${(error as Error).message.replace(/^sockgrade: /, '')}\n`);
    process.exit(1);
  }
}
