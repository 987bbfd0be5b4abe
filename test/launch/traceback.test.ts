// Real Python tracebacks, cut down to the student's frames: scripts run by python3 in a temp folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { trimTraceback } from '../../harness/launch/traceback.ts';
import { removeTestFolders, testFolder } from '../helpers.ts';

const PYTHON = process.env.SOCKGRADE_PYTHON ?? 'python3';
const OMITTED = /^ {2}… \d+ frames? in Python's library omitted$/m;

afterAll(removeTestFolders);

/** Writes `files` into a fresh folder, runs `python3 <main>` there and returns its stderr and the folder. */
async function crash(files: Record<string, string>, main: string): Promise<{ stderr: string; dir: string }> {
  const dir = testFolder('sockgrade-traceback-test-');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const result = await execa(PYTHON, [main], { cwd: dir, reject: false, timeout: 20_000 });
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('Traceback (most recent call last):');
  return { stderr: String(result.stderr), dir };
}

const refused = async () => {
  const port = await getPort();
  return crash(
    {
      'TCPClient.py': [
        'import os, socket, sys',
        "print('saving to', os.path.abspath('out.txt'), file=sys.stderr)",
        'def connect(port):',
        "    return socket.create_connection(('127.0.0.1', port))",
        '',
        `s = connect(${port})`,
        '',
      ].join('\n'),
    },
    'TCPClient.py',
  );
};

describe('trimTraceback', () => {
  it("keeps the student's frames with relative paths, drops socket.py's, keeps the exception", async () => {
    const { stderr, dir } = await refused();
    expect(stderr).toMatch(/socket\.py", line \d+, in create_connection/); // the raw traceback has library frames
    const trimmed = trimTraceback(stderr, dir);
    expect(trimmed).not.toContain(dir);
    expect(trimmed).not.toContain('socket.py');
    // Python 3.11+ marks the failing expression with ^^^^ lines; they stay with their frame.
    const markers = (t: string) => t.split('\n').filter((l) => /^\s+[~^]+$/.test(l));
    expect(markers(trimmed)).toHaveLength(markers(stderr.slice(0, stderr.indexOf('socket.py'))).length);
    expect(trimmed.split('\n').filter((l) => !markers(l).length)).toEqual([
      'saving to out.txt',
      'Traceback (most recent call last):',
      '  File "TCPClient.py", line 6, in <module>',
      expect.stringMatching(/^ {4}s = connect\(\d+\)$/),
      '  File "TCPClient.py", line 4, in connect',
      "    return socket.create_connection(('127.0.0.1', port))",
      expect.stringMatching(OMITTED),
      'ConnectionRefusedError: [Errno 111] Connection refused',
    ]);
  });

  it('keeps the frames of a second student file, in a sub-folder, in order', async () => {
    const { stderr, dir } = await crash(
      {
        'TCPServer.py': 'from lib import config\n\nport = config.load_port()\n',
        'lib/config.py': 'import json\n\ndef load_port():\n    return json.loads("{port: 12000}")["port"]\n',
      },
      'TCPServer.py',
    );
    const trimmed = trimTraceback(stderr, dir);
    const server = trimmed.indexOf('  File "TCPServer.py", line 3, in <module>');
    const config = trimmed.indexOf(`  File "${path.join('lib', 'config.py')}", line 4, in load_port`);
    expect(server).toBeGreaterThan(0);
    expect(config).toBeGreaterThan(server);
    expect(trimmed).toMatch(OMITTED);
    expect(trimmed).not.toMatch(/json[\\/](__init__|decoder)\.py/);
    expect(trimmed.trimEnd().split('\n').at(-1)).toMatch(/^json\.decoder\.JSONDecodeError: Expecting property name/);
  });

  it('trims each traceback of a chained exception and keeps the lines between them', async () => {
    const { stderr, dir } = await crash(
      {
        'UDPServer.py': [
          'import json',
          'def parse(text):',
          '    try:',
          '        return json.loads(text)',
          '    except ValueError as e:',
          "        raise RuntimeError('bad request') from e",
          'def handle():',
          '    try:',
          "        {}['port']",
          '    except KeyError:',
          "        parse('{oops')",
          'handle()',
          '',
        ].join('\n'),
      },
      'UDPServer.py',
    );
    const trimmed = trimTraceback(stderr, dir);
    expect(trimmed.match(/^Traceback \(most recent call last\):$/gm)).toHaveLength(3);
    for (const kept of [
      "KeyError: 'port'",
      'During handling of the above exception, another exception occurred:',
      'The above exception was the direct cause of the following exception:',
      'RuntimeError: bad request',
      '  File "UDPServer.py", line 4, in parse',
      '  File "UDPServer.py", line 12, in <module>',
    ]) {
      expect(trimmed).toContain(kept);
    }
    expect(trimmed).toMatch(/^json\.decoder\.JSONDecodeError: /m);
    expect(trimmed.match(new RegExp(OMITTED.source, 'gm'))).toHaveLength(1); // only the JSON traceback had library frames
    expect(trimmed).not.toContain('decoder.py');
    expect(trimmed).not.toContain(dir);
  });

  it('keeps the last frame when none is the student’s', async () => {
    const { stderr } = await refused();
    const trimmed = trimTraceback(stderr, testFolder('sockgrade-traceback-other-'));
    const lines = trimmed.split('\n');
    expect(lines.filter((l) => l.startsWith('  File '))).toHaveLength(1);
    const frame = lines.findIndex((l) => l.startsWith('  File '));
    expect(lines[frame]).toMatch(/socket\.py", line \d+, in create_connection$/);
    expect(lines[frame - 1]).toMatch(OMITTED);
    expect(lines.at(-1)).toBe('ConnectionRefusedError: [Errno 111] Connection refused');
  });

  it('handles a tail that begins in the middle of a traceback, mid-line', async () => {
    const { stderr, dir } = await refused();
    const tail = stderr.slice(stderr.indexOf('line 6, in <module>'));
    const trimmed = trimTraceback(tail, dir);
    expect(trimmed.startsWith('line 6, in <module>\n')).toBe(true);
    expect(trimmed).toContain('\n  File "TCPClient.py", line 4, in connect\n');
    expect(trimmed).not.toContain('socket.py');
    expect(trimmed).toMatch(OMITTED);
    expect(trimmed.split('\n').at(-1)).toBe('ConnectionRefusedError: [Errno 111] Connection refused');
  });

  it('leaves text without a traceback unchanged, except paths into the student folder', () => {
    const dir = '/tmp/sockgrade-check-abc/server-x1y2';
    const text = `listening on 40000\n  File "notes.txt" is ignored\nwrote ${dir}/readings.txt\n`;
    expect(trimTraceback(text, dir)).toBe('listening on 40000\n  File "notes.txt" is ignored\nwrote readings.txt\n');
    expect(trimTraceback('', dir)).toBe('');
  });
});
