// Every sample submission, graded through the real CLI: the correct ones and the reference score
// full marks, each broken one fails exactly the checks its defect breaks.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leftovers, notPassed, sockgrade } from '../helpers.ts';

const EXPECTED: Record<string, Record<string, string[]>> = {
  'udp-uppercase': {
    good: [],
    handout: [],
    lowercase: ['end-to-end', 'uppercase-reply'],
    'one-client': ['serves-many'],
    'ignores-port': ['end-to-end', 'server-ready', 'serves-many', 'uppercase-reply'],
    'client-ignores-stdin': ['client-sends', 'end-to-end'],
    'client-never-exits': ['client-exits'],
  },
  'tcp-uppercase': {
    good: [],
    handout: [],
    threaded: [],
    lowercase: ['end-to-end', 'uppercase-reply'],
    'one-client': ['closes-connection', 'serves-many'],
    'never-closes': ['closes-connection'],
    'ignores-port': ['closes-connection', 'end-to-end', 'server-ready', 'serves-many', 'uppercase-reply'],
    'client-ignores-stdin': ['client-sends', 'end-to-end'],
    'client-never-exits': ['client-exits'],
  },
};

describe.each(Object.keys(EXPECTED))('%s samples', (lab) => {
  const samples = EXPECTED[lab];

  it('has an expectation for every sample folder', () => {
    expect(readdirSync(`submissions/${lab}`).sort()).toEqual(Object.keys(samples).sort());
  });

  it('grades each sample to exactly its expected failures, and the reference to full marks', async () => {
    const folders = [...Object.keys(samples).map((s) => `submissions/${lab}/${s}`), 'reference'];
    const run = await sockgrade(['grade', '--spec', lab, ...folders], { json: true });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    for (const [sample, failures] of Object.entries(samples)) {
      expect({ sample, failures: notPassed(run.json!, `submissions/${lab}/${sample}`) }).toEqual({ sample, failures });
    }
    const reference = run.json!.submissions.find((s) => s.submission === 'reference')!;
    expect(reference.points).toBe(reference.maxPoints);
    // Broken samples fail as the student's fault, never as sockgrade's.
    const statuses = new Set(run.json!.submissions.flatMap((s) => s.checks.map((c) => c.status)));
    expect(statuses.has('errored')).toBe(false);
    expect(leftovers(run.tmp)).toEqual([]);
  });

  it('exits 0 for a correct submission alone', async () => {
    const run = await sockgrade(['grade', '--spec', lab, `submissions/${lab}/good`]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/all checks passed/);
  });
});
