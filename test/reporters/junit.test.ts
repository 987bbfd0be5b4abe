// The JUnit report: its structure, its validity against Jenkins' schema whatever bytes programs
// print, and <error> (sockgrade's fault) kept apart from <failure> (the student's).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdataSafe } from '../../harness/reporters/junit.ts';
import { ROOT, sockgrade, testFolder } from '../helpers.ts';

const XSD = path.join(ROOT, '../shared/junit/junit-10.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

function xpath(file: string, expression: string): string {
  return execFileSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8' }).replace(/\n$/, '');
}

// The one known extra: junit-report-builder's `skipped` on <testsuites>, which every consumer ignores.
const TOLERATED = /element testsuites: Schemas validity error : Element 'testsuites', attribute 'skipped': The attribute 'skipped' is not allowed\./;

/** Schema errors other than the tolerated one; well-formedness errors always count. */
function schemaProblems(file: string): string[] {
  const result = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return result.stderr.split('\n').filter((line) => line.trim() && !TOLERATED.test(line) && !/fails to validate$/.test(line));
}

describe.skipIf(!hasXmllint)('JUnit report (xmllint)', () => {
  const dir = testFolder('sockgrade-junit-');
  const report = path.join(dir, 'nested', 'report.xml');

  beforeAll(async () => {
    const run = await sockgrade(['grade', '--spec', 'tcp-uppercase', '--seed', '42', '--junit', report, 'submissions/tcp-uppercase/good', 'test/fixtures/garbage-bytes']);
    expect(run.exitCode).toBe(1);
  });

  it('validates against junit-10.xsd even with NUL, ESC, invalid UTF-8 and repeated ]]> in the output', () => {
    expect(existsSync(XSD)).toBe(true);
    expect(schemaProblems(report)).toEqual([]);
  });

  it('has one testsuite per submission and one testcase per check, named by check id', () => {
    expect(xpath(report, 'count(//testsuite)')).toBe('2');
    expect(xpath(report, 'count(//testsuite[1]/testcase)')).toBe('10');
    expect(xpath(report, 'string(//testsuite[1]/@name)')).toBe('tcp-uppercase: submissions/tcp-uppercase/good');
    expect(xpath(report, 'string(//testsuite[1]/testcase[3]/@name)')).toBe('uppercase-reply: the server answers a sentence in upper case');
    expect(Number(xpath(report, 'string(//testsuite[1]/testcase[3]/@time)'))).toBeGreaterThan(0);
    expect(xpath(report, 'string(//testsuite[1]/properties/property[@name="seed"]/@value)')).toBe('42');
    expect(xpath(report, 'string(//testsuite[1]/properties/property[@name="points.uppercase-reply"]/@value)')).toBe('2/2');
    expect(xpath(report, 'string(//testsuite[2]/properties/property[@name="points.uppercase-reply"]/@value)')).toBe('0/2');
  });

  it('puts the failure detail in <failure> and the conversation in <system-out>, bytes escaped', () => {
    const reply = '//testsuite[2]/testcase[starts-with(@name,"uppercase-reply")]';
    expect(xpath(report, `string(${reply}/failure/@message)`)).toBe('the answer is not the sentence in upper case');
    const detail = xpath(report, `string(${reply}/failure)`);
    expect(detail).toContain('expected: "');
    expect(detail).toContain('got:      "\\x00\\x1b[31m\\xff\\xfe end]]>one]]>two]]>three \\xc3"');
    const out = xpath(report, `string(${reply}/system-out)`);
    expect(out).toContain('conversation:');
    expect(out.split(']]>').length - 1).toBeGreaterThanOrEqual(3);
    expect(out).toContain('\\x00\\x1b[31m');
  });

  it('reports a problem of sockgrade itself as <error>, not <failure>', async () => {
    const file = path.join(dir, 'errored.xml');
    const run = await sockgrade(['grade', '--spec', 'udp-uppercase', '--junit', file, 'submissions/udp-uppercase/good'], {
      env: { SOCKGRADE_PYTHON: '/nonexistent/python3' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/sockgrade error \(not the student's fault\): cannot run Python programs/);
    expect(schemaProblems(file)).toEqual([]);
    expect(xpath(file, 'count(//testcase/error)')).toBe('9');
    expect(xpath(file, 'count(//testcase/failure)')).toBe('0');
  });
});

describe('cdataSafe', () => {
  it('leaves text with at most one ]]> to the builder, and splits every later one', () => {
    expect(cdataSafe('plain')).toBe('plain');
    expect(cdataSafe('a]]>b')).toBe('a]]>b');
    expect(cdataSafe('a]]>b]]>c')).toBe('a]]>b]]]]><![CDATA[>c');
  });

  it('keeps the report file readable as UTF-8', () => {
    const text = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    expect(cdataSafe(text)).toBe(text);
  });
});
