// Bounds that hold for a check as a whole (issue 10): memory for all its programs together, shared
// memory and children included; what they write to disk; a tree of any depth removed. Graded
// through the real CLI in private namespaces, where a cgroup per check and a tmpfs sandbox exist.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/engine/results.ts';
import { cgroupsLeftBy, leftovers, notPassed, sockgrade, type CliRun } from '../helpers.ts';

const SERVER_CHECKS = ['closes-connection', 'end-to-end', 'server-port', 'server-ready', 'serves-many', 'uppercase-reply'];
const sample = (name: string) => `submissions/tcp-uppercase/${name}`;
const SAMPLES = ['hostile-shared-memory', 'hostile-memory-children', 'hostile-disk', 'hostile-deep-tree'].map(sample);

function serverOutput(json: RunResult, submission: string): string {
  return json.submissions.find((s) => s.submission === submission)!.checks[0].programs.find((p) => p.role === 'server')!.stdoutTail;
}

describe('a check\'s bounds, in private namespaces', () => {
  let run: CliRun;

  beforeAll(async () => {
    run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--isolation', 'namespaces', ...SAMPLES], { json: true });
  }, 240_000);

  it('holds memory for all the check\'s programs together: a shared mapping and six children are stopped', () => {
    const json = run.json!;
    expect(notPassed(json, sample('hostile-shared-memory'))).toEqual(SERVER_CHECKS);
    expect(notPassed(json, sample('hostile-memory-children'))).toEqual(SERVER_CHECKS);
    const shared = json.submissions.find((s) => s.submission === sample('hostile-shared-memory'))!.checks[0];
    expect(shared.status === 'failed' && shared.reason).toMatch(/killed by SIGKILL/);
    expect(shared.notes?.join('\n')).toMatch(/reached its memory limit of 512MiB/);
    expect(serverOutput(json, sample('hostile-shared-memory'))).not.toContain('touched 2.5 GB');
    expect(serverOutput(json, sample('hostile-memory-children'))).toMatch(/a child was killed before it held its 500 MB/);
  });

  it('holds what the programs write: the disk limit stops 1.8 GB of files at 256 MiB, and the server then passes', () => {
    expect(notPassed(run.json!, sample('hostile-disk'))).toEqual([]);
    const written = Number(/disk: wrote (\d+) MiB, then No space left on device/.exec(serverOutput(run.json!, sample('hostile-disk')))?.[1]);
    expect(written).toBeGreaterThan(200);
    expect(written).toBeLessThanOrEqual(256);
  });

  it('leaves nothing of a tree deeper than PATH_MAX, nor any folder or cgroup', () => {
    expect(notPassed(run.json!, sample('hostile-deep-tree'))).toEqual([]);
    expect(serverOutput(run.json!, sample('hostile-deep-tree'))).toMatch(/made a tree 300 folders deep/);
    expect(run.json!.submissions.flatMap((s) => s.checks).filter((c) => c.status === 'errored')).toEqual([]);
    expect(leftovers(run.tmp)).toEqual([]);
    expect(cgroupsLeftBy(run.pid)).toEqual([]);
  });
});
