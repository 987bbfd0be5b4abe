// Python 2 code recognised from what the real python3 says when it runs it: scripts in a temp folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { describePython2, python2Sign } from '../../harness/launch/python2.ts';
import { removeTestFolders, testFolder } from '../helpers.ts';

const PYTHON = process.env.SOCKGRADE_PYTHON ?? 'python3';

afterAll(removeTestFolders);

/** Writes `files` into a fresh folder, runs `python3 <main>` there (with `input` on stdin) and returns its stderr and the folder. */
async function run(files: Record<string, string>, main: string, input = ''): Promise<{ stderr: string; dir: string }> {
  const dir = testFolder('sockgrade-python2-test-');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const result = await execa(PYTHON, [main], { cwd: dir, input, reject: false, timeout: 20_000 });
  expect(result.exitCode).toBe(1);
  return { stderr: String(result.stderr), dir };
}

describe('python2Sign', () => {
  it.each([
    ['a print statement', 'import sys\n\nprint "The server is ready to receive"\n', 3, 'print statement'],
    ['raw_input', 'import sys\nsentence = raw_input("Input lowercase sentence:")\n', 2, 'raw_input, which Python 3 calls input'],
    ['except E, e:', 'try:\n    pass\nexcept IOError, e:\n    pass\n', 3, '`except E, e:`, Python 3 writes `except E as e:`'],
    ['xrange', 'for i in xrange(3):\n    pass\n', 1, 'xrange, which Python 3 calls range'],
    ['unicode', 'x = 1\ny = unicode(x)\n', 2, 'unicode, which Python 3 calls str'],
    ['dict.has_key', 'd = {}\nif d.has_key("a"):\n    pass\n', 2, 'dict.has_key'],
    ['print >>f', 'import sys\nprint >>sys.stderr, "oops"\n', 2, '`print >>file` statement'],
    ['raise E, message', 'raise ValueError, "bad port"\n', 1, '`raise E, message`'],
  ])('%s: names the construct, the file and the line', async (_, source, line, what) => {
    const { stderr, dir } = await run({ 'UDPServer.py': source }, 'UDPServer.py');
    const sign = python2Sign(stderr, dir);
    expect(sign).toEqual({ file: 'UDPServer.py', line, what });
    expect(describePython2(sign!)).toBe(`UDPServer.py is Python 2 code (line ${line}: ${what}); sockgrade runs Python 3`);
  });

  it('names the module where Python 2 code is, relative to the submission, when the program imports it', async () => {
    const { stderr, dir } = await run({ 'lab1/TCPClient.py': 'import helpers\nhelpers.ask()\n', 'lab1/helpers.py': 'def ask():\n    return raw_input("> ")\n' }, 'lab1/TCPClient.py');
    expect(python2Sign(stderr, dir)).toMatchObject({ file: 'lab1/helpers.py', line: 2 });
  });

  it('finds the sign after other output, and in a path not under the submission keeps the path Python gave', async () => {
    const { stderr } = await run({ 'TCPClient.py': 'import sys\nsys.stderr.write("starting\\n")\nname = raw_input()\n' }, 'TCPClient.py');
    expect(stderr).toMatch(/^starting\n/);
    expect(python2Sign(stderr, '/elsewhere')).toMatchObject({ file: expect.stringMatching(/\/TCPClient\.py$/), line: 3 });
  });

  it.each([
    ['a Python 3 program that fails on its own', 'import sys\nport = int("abc")\n'],
    ['a misspelt name', 'x = inptu("> ")\n'],
    ['a syntax error that is no Python 2 construct', 'if True\n    pass\n'],
    ['str sent without encode() (a Python 3 mistake too)', 'import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto("hi", ("127.0.0.1", 9))\n'],
  ])('%s is not called Python 2', async (_, source) => {
    const { stderr, dir } = await run({ 'TCPClient.py': source }, 'TCPClient.py');
    expect(stderr).toMatch(/Error/);
    expect(python2Sign(stderr, dir)).toBeUndefined();
  });
});
