// Clients that flood the reference server before doing their job, graded through the real CLI: the
// flood costs the check that it breaks, and the records, reports and memory stay bounded.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENTS } from '../../harness/engine/transcript.ts';
import type { CheckResult, RunResult } from '../../harness/engine/results.ts';
import { leftovers, notPassed, processesInside, sockgrade, testFolder, type CliRun } from '../helpers.ts';

// A check's report (its JSON result) and a flooded run's whole JUnit file stay this small.
const CHECK_REPORT_BYTES = 200 * 1024;
const JUNIT_BYTES = 150 * 1024;
// sockgrade's own peak memory (the CLI or a worker); the hostile run of hostile.test.ts allows 256 MB.
const RSS_BYTES = 200 << 20;

interface Graded {
  run: CliRun;
  json: RunResult;
  checks: CheckResult[];
  junitFile: string;
}

async function grade(spec: string, sample: string): Promise<Graded> {
  const junitFile = path.join(testFolder('sockgrade-junit-'), 'report.xml');
  const run = await sockgrade(['grade', '--spec', spec, '--junit', junitFile, sample], { json: true });
  return { run, json: run.json!, checks: run.json!.submissions[0].checks, junitFile };
}

/** [testcases, failures, errors] of a JUnit file, read by Python's XML parser: it must be well-formed. */
async function junitCounts(file: string): Promise<string> {
  const script = 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(len(r.findall(".//testcase")), len(r.findall(".//failure")), len(r.findall(".//error")))';
  return (await execa('python3', ['-c', script, file])).stdout.trim();
}

const check = (g: Graded, id: string) => g.checks.find((c) => c.id === id)!;
const summaries = (c: CheckResult) => c.transcript.filter((e) => e.to === 'report');

/** What both samples must show: the verdict, nothing of sockgrade's, small reports, nothing left, bounded memory. */
function expectContained(g: Graded, sample: string): void {
  expect(g.run.stderr).toBe('');
  // Flooding sends junk before the line: client-sends fails, and the pair cannot upper-case the sentence.
  expect(notPassed(g.json, sample)).toEqual(['client-sends', 'end-to-end']);
  expect(g.checks.filter((c) => c.status === 'errored')).toEqual([]);
  expect(g.checks.filter((c) => JSON.stringify(c).length >= CHECK_REPORT_BYTES).map((c) => c.id)).toEqual([]);
  expect(g.json.setting.maxRssBytes).toBeLessThan(RSS_BYTES);
  expect(processesInside(g.run.tmp)).toEqual([]);
  expect(leftovers(g.run.tmp)).toEqual([]);
}

describe('a UDP client that floods the reference server with 50,000 datagrams', () => {
  const sample = 'submissions/udp-uppercase/hostile-udp-flood';
  let graded: Graded;

  beforeAll(async () => {
    graded = await grade('udp-uppercase', sample);
  }, 120_000);

  it('fails client-sends and end-to-end, never as sockgrade\'s error, in small reports, with sockgrade\'s memory bounded and nothing left', () => {
    expectContained(graded, sample);
  });

  it('keeps every transcript within its bound, the flood summarised in one event between its beginning and its end', () => {
    expect(graded.checks.filter((c) => c.transcript.length > MAX_EVENTS).map((c) => c.id)).toEqual([]);
    // These two wait for the client to finish, so they saw the whole flood.
    for (const id of ['client-prints-reply', 'client-exits']) {
      const flooded = check(graded, id);
      expect(flooded.transcript).toHaveLength(MAX_EVENTS);
      const [summary, ...more] = summaries(flooded);
      expect(more).toEqual([]);
      expect(summary.what).toMatch(/^… [\d,]+ more events not shown \(\+[\d.]+s to \+[\d.]+s\): /);
      expect(summary.what).toMatch(/[\d,]+ × client 127\.0\.0\.1:\d+ → reference server: datagram \([\d.]+ [KM]B\)/);
      const times = flooded.transcript.map((e) => e.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // The beginning shows the junk as it came; the end, how the check ended.
      expect(flooded.transcript.find((e) => e.what === 'datagram')!.data).toMatch(/^flood 00000 x+$/);
      expect(flooded.transcript.at(-1)!.what).toBe('check over: stopping the programs');
    }
  });

  it('writes a small, well-formed JUnit file', async () => {
    expect(statSync(graded.junitFile).size).toBeLessThan(JUNIT_BYTES);
    expect(await junitCounts(graded.junitFile)).toBe('9 2 0');
    expect(readFileSync(graded.junitFile, 'utf8')).toContain('more events not shown');
  });
});

describe('a TCP client that sends 50 MB of junk before its line', () => {
  const sample = 'submissions/tcp-uppercase/hostile-tcp-flood';
  let graded: Graded;

  beforeAll(async () => {
    graded = await grade('tcp-uppercase', sample);
  }, 120_000);

  it('fails client-sends and end-to-end, never as sockgrade\'s error, in small reports, with sockgrade\'s memory bounded and nothing left', () => {
    expectContained(graded, sample);
  });

  it('keeps only the beginning of the junk the reference server received, and says how much came', () => {
    expect(graded.checks.filter((c) => c.transcript.length > MAX_EVENTS).map((c) => c.id)).toEqual([]);
    const sends = check(graded, 'client-sends');
    // The first segment (up to 64 KiB of 0xff) is kept cut to 8 KiB, each byte shown as \xff.
    const junk = sends.transcript.find((e) => e.what === 'data' && e.to === 'reference server')!;
    const kept = Math.min(junk.bytes!, 8192);
    expect(sends.status === 'failed' && sends.actual).toBe('\\xff'.repeat(kept));
    expect(junk.data!.length).toBeLessThan(700);
  });

  it('writes a small, well-formed JUnit file', async () => {
    expect(statSync(graded.junitFile).size).toBeLessThan(JUNIT_BYTES);
    expect(await junitCounts(graded.junitFile)).toBe('10 2 0');
  });
});
