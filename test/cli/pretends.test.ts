// Issue 11: a client that prints the answer it computed itself, without reading the socket, fails
// its print check, told why; clients that print what they receive pass, also graded four at a time.
import { describe, expect, it } from 'vitest';
import { sockgrade } from '../helpers.ts';
import type { RunResult } from '../../harness/engine/results.ts';

function check(run: RunResult, submission: string, id: string) {
  const checks = run.submissions.find((s) => s.submission === submission)!.checks;
  return checks.find((c) => c.id === id)!;
}

const EARLY = /^the client printed (the answer|the answer to line 1) before the server had sent it \(the server answered after 0\.\d\ds\): print what you receive from the socket, not /;

describe('a client that prints an answer of its own making', () => {
  it.each([
    ['tcp-uppercase', 'client-fakes-reply', 'client-prints-reply', 'your own upper-casing'],
    ['udp-uppercase', 'client-fakes-reply', 'client-prints-reply', 'your own upper-casing'],
    ['tcp-chat', 'client-fakes-replies', 'client-prints-replies', 'an answer you made up from what was typed'],
  ])('%s/%s fails %s, saying so, while good and handout clients graded alongside (--jobs 4) pass', async (lab, fake, id, hint) => {
    const folders = [fake, 'good', 'handout'].map((s) => `submissions/${lab}/${s}`);
    const run = await sockgrade(['grade', '--spec', lab, '--jobs', '4', ...folders], { json: true });
    const result = check(run.json!, folders[0], id);
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.reason).toMatch(EARLY);
    expect(result.reason.endsWith(hint)).toBe(true);
    // The evidence as for any print failure: what was expected, and what the client printed.
    expect(result.expected).toBeTruthy();
    expect(result.actual).toContain(result.expected!.replace(/^"|"$/g, ''));
    for (const good of folders.slice(1)) expect(check(run.json!, good, id).status).toBe('passed');
  }, 120_000);
});
