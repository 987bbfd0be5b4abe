// loadSpec, resolveSpecPath and bundledSpecNames, on spec files written into a private temp folder.
// Each broken spec is the bundled tcp-uppercase.yaml with one edit, so the expected line:col of
// every error can be read off specs/tcp-uppercase.yaml.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labs } from '../../harness/checks/labs.ts';
import { bundledSpecNames, loadSpec, resolveSpecPath, SpecError } from '../../harness/spec/load.ts';
import { DEFAULT_LIMITS } from '../../harness/spec/types.ts';
import { ROOT } from '../helpers.ts';

const VALID = readFileSync(path.join(ROOT, 'specs/tcp-uppercase.yaml'), 'utf8');
const KNOWN_IDS = 'server-ready, server-port, client-address, uppercase-reply, serves-many, closes-connection, client-sends, client-prints-reply, client-exits, end-to-end';
const TOP_LEVEL_KEYS = 'name, title, description, lab, transport, handoutPort, portFromArguments, programs, limits, checks';
const CLIENT_PROGRAM = '  client:\n    file: TCPClient.py\n    args: ["{host}", "{port}"]\n    stdin: "{input}"\n';

const tmp = mkdtempSync(path.join(tmpdir(), 'sockgrade-spec-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let written = 0;
/**
 * Writes a spec file and returns its path relative to the working directory: what a user would
 * type, and also how loadSpec shows it, so messages can be compared exactly.
 */
function specFile(text: string, name = `spec-${++written}.yaml`): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return path.relative(process.cwd(), file);
}

/** VALID with `from` replaced by `to`; `from` must occur exactly once, so an edit never silently misses. */
function edited(from: string, to: string, text = VALID): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`edit target occurs ${count} times: ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}

/** The error loadSpec throws for `file`; fails the test if it loads. */
function loadError(file: string): Error {
  try {
    loadSpec(file);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${file} loaded without an error`);
}

describe('loadSpec: errors point into the file', () => {
  it.each([
    {
      what: 'an unclosed quote (malformed YAML)',
      edit: ['title: TCP uppercase (TCPServer / TCPClient)', 'title: "TCP uppercase (TCPServer / TCPClient)'],
      at: '3:46',
      message: 'invalid YAML: Missing closing "quote',
    },
    {
      what: 'bad indentation (malformed YAML)',
      edit: ['    file: TCPServer.py', '   file: TCPServer.py'],
      at: '18:10',
      message: 'invalid YAML: Nested mappings are not allowed in compact mappings',
    },
    {
      what: 'an environment variable name that is not one',
      edit: ['    stdin: "{input}"\n', '    stdin: "{input}"\n    env: { GOOD_NAME: x, "bad name": y }\n'],
      at: '24:26',
      message: 'programs.client.env.bad name is not a valid name (it must match ^[A-Za-z_][A-Za-z0-9_]*$)',
    },
    {
      what: 'an environment variable that is not a string',
      edit: ['    stdin: "{input}"\n', '    stdin: "{input}"\n    env: { DEPTH: [1, 2] }\n'],
      at: '24:19',
      message: 'programs.client.env.DEPTH must be a string',
    },
    {
      what: 'a key given twice (malformed YAML)',
      edit: ['transport: tcp\n', 'transport: tcp\ntransport: udp\n'],
      at: '15:1',
      message: 'invalid YAML: Map keys must be unique',
    },
    {
      what: 'a wrong type: points: "two" in the third check',
      edit: ['    points: 2\n  - id: closes-connection', '    points: "two"\n  - id: closes-connection'],
      at: '36:13',
      message: 'checks[3].points must be a number',
    },
    {
      what: 'a negative number of points',
      edit: ['    points: 2\n  - id: closes-connection', '    points: -1\n  - id: closes-connection'],
      at: '36:13',
      message: 'checks[3].points must be at least 0',
    },
    {
      what: 'an unknown top-level key',
      edit: ['handoutPort: 12000\n', 'handoutPort: 12000\ntimeout: 5s\n'],
      at: '16:1',
      message: `timeout is not a known key (expected one of: ${TOP_LEVEL_KEYS})`,
    },
    {
      what: 'an unknown key in a check',
      edit: ['    points: 1\n  - id: client-sends', '    points: 1\n    weight: 3\n  - id: client-sends'],
      at: '43:5',
      message: 'checks[5].weight is not a known key (expected one of: id, title, points)',
    },
    {
      what: 'a missing required key',
      edit: ['    file: TCPServer.py\n', ''],
      at: '18:5',
      message: 'programs.server.file is required',
    },
    {
      what: 'an unknown lab',
      edit: ['lab: uppercase', 'lab: ecko'],
      at: '13:6',
      message: 'lab must be one of "uppercase", "echo", "echo-1000", "udp-args", "chat", "hello", "sensor"',
    },
    {
      what: 'an empty list of checks',
      edit: [VALID.slice(VALID.indexOf('checks:')), 'checks: []\n'],
      at: '24:9',
      message: 'checks must have at least 1 item(s)',
    },
    {
      what: 'several problems: the first, and how many more',
      edit: ['lab: uppercase\n', 'lab: ecko\ntimeout: 5s\n'],
      at: '13:6',
      message: 'lab must be one of "uppercase", "echo", "echo-1000", "udp-args", "chat", "hello", "sensor" (and 1 more problem)',
    },
    {
      what: 'a misspelt placeholder in args',
      edit: ['args: ["{port}"]', 'args: ["{prot}"]'],
      at: '19:12',
      message: 'programs.server.args[0] uses unknown placeholder {prot} (known: {host}, {port}, {input}, {bindPort}, {message}, {outfile})',
    },
    {
      what: 'a misspelt placeholder in stdin',
      edit: ['stdin: "{input}"', 'stdin: "{inptu}"'],
      at: '23:12',
      message: 'programs.client.stdin uses unknown placeholder {inptu} (known: {host}, {port}, {input}, {bindPort}, {message}, {outfile})',
    },
    {
      what: 'an unknown check id',
      edit: ['id: serves-many', 'id: serves-lots'],
      at: '34:9',
      message: `checks[3].id "serves-lots" is not a check of lab uppercase (known: ${KNOWN_IDS})`,
    },
    {
      what: 'a duplicate check id',
      edit: ['id: serves-many', 'id: uppercase-reply'],
      at: '34:9',
      message: 'checks[3].id "uppercase-reply" appears twice',
    },
    {
      what: 'a check needing a role the spec does not declare (no programs.client)',
      edit: [CLIENT_PROGRAM, ''],
      at: '36:9',
      message: 'checks[5] "client-address" needs a client program, but programs.client is not declared',
    },
    {
      what: 'closes-connection in a udp spec',
      edit: ['transport: tcp', 'transport: udp'],
      at: '37:9',
      message: 'checks[4].id "closes-connection" applies only to tcp labs, this spec is udp',
    },
    {
      what: 'a bad duration in limits',
      edit: ['checks:\n', 'limits:\n  ready: 5 seconds\nchecks:\n'],
      at: '25:10',
      message: 'limits.ready "5 seconds" does not match ^[0-9]+(\\.[0-9]+)?(ms|s)$',
    },
    // Object.prototype members must not pass for check ids or schema keys.
    {
      what: 'a check id that is an Object.prototype member',
      edit: ['id: serves-many', 'id: constructor'],
      at: '34:9',
      message: `checks[3].id "constructor" is not a check of lab uppercase (known: ${KNOWN_IDS})`,
    },
    {
      what: 'an unknown key that is an Object.prototype member',
      edit: ['handoutPort: 12000\n', 'handoutPort: 12000\ntoString: 1\n'],
      at: '16:1',
      message: `toString is not a known key (expected one of: ${TOP_LEVEL_KEYS})`,
    },
  ])('$what', ({ edit: [from, to], at, message }) => {
    const file = specFile(edited(from, to));
    const error = loadError(file);
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toBe(`${file}:${at}: ${message}`);
  });

  it('an empty file: the top level must be a mapping', () => {
    const file = specFile('');
    expect(loadError(file).message).toBe(`${file}:1:1: (top level) must be a mapping`);
  });

  it('a missing file', () => {
    const file = path.relative(process.cwd(), path.join(tmp, 'no-such-spec.yaml'));
    const error = loadError(file);
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toBe(`${file}: cannot read spec (no such file)`);
  });

  it('a folder passed as a spec', () => {
    const dir = path.join(tmp, 'a-folder');
    mkdirSync(dir);
    const shown = path.relative(process.cwd(), dir);
    const error = loadError(shown);
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toBe(`${shown}: cannot read spec (is a folder)`);
  });
});

describe('loadSpec: valid specs', () => {
  it.each(bundledSpecNames())('the bundled spec %s loads', (name) => {
    const spec = loadSpec(name);
    expect(spec.name).toBe(name);
    expect(spec.file).toBe(path.relative(process.cwd(), path.join(ROOT, 'specs', `${name}.yaml`)));
    expect(spec.checks.length).toBeGreaterThan(0);
  });

  it('a copy of tcp-uppercase.yaml loads like the bundled one', () => {
    const file = specFile(VALID);
    const spec = loadSpec(file);
    const bundled = loadSpec('tcp-uppercase');
    expect(spec.file).toBe(file);
    expect(spec.programs).toEqual({
      server: { file: 'TCPServer.py', args: ['{port}'], stdin: '{input}' },
      client: { file: 'TCPClient.py', args: ['{host}', '{port}'], stdin: '{input}' },
    });
    expect(spec.limits).toEqual(DEFAULT_LIMITS);
    expect({ ...spec, file: '', checks: [] }).toEqual({ ...bundled, file: '', checks: [] });
    expect(spec.checks.map(({ id, title, points }) => ({ id, title, points }))).toEqual(
      bundled.checks.map(({ id, title, points }) => ({ id, title, points })),
    );
  });

  it('a program\'s env is kept as given, and absent where none is given', () => {
    const spec = loadSpec(specFile(edited('    stdin: "{input}"\n', '    stdin: "{input}"\n    env: { GREETING: hello, JAVA_OPTS: "-Xmx64m" }\n')));
    expect(spec.programs.client!.env).toEqual({ GREETING: 'hello', JAVA_OPTS: '-Xmx64m' });
    expect(spec.programs.server!.env).toBeUndefined();
  });

  it('durations 500ms, 2s and 1.5s become milliseconds; unset limits keep their defaults', () => {
    const file = specFile(edited('checks:\n', 'limits:\n  ready: 500ms\n  reply: 2s\n  exit: 1.5s\nchecks:\n'));
    expect(loadSpec(file).limits).toEqual({ ...DEFAULT_LIMITS, ready: 500, reply: 2000, exit: 1500 });
  });

  it('resource limits: sizes in B, KiB, MiB or GiB, counts as whole numbers', () => {
    const file = specFile(edited('checks:\n', 'limits:\n  cpu: 2s\n  memory: 1GiB\n  processes: 8\n  fileSize: 512KiB\n  openFiles: 32\nchecks:\n'));
    expect(loadSpec(file).limits).toEqual({ ...DEFAULT_LIMITS, cpu: 2000, memory: 1 << 30, processes: 8, fileSize: 512 << 10, openFiles: 32 });
  });

  it('a resource limit of the wrong form points at it', () => {
    const file = specFile(edited('checks:\n', 'limits:\n  memory: 1GB\nchecks:\n'));
    expect(() => loadSpec(file)).toThrow(/:\d+:11: limits\.memory "1GB" does not match/);
  });

  it("each check's position points to the line of its `- id:` entry", () => {
    const file = specFile(VALID);
    const entries = VALID.split('\n').flatMap((line, i) => {
      const m = /^\s*- id: (\S+)/.exec(line);
      return m ? [{ id: m[1], line: i + 1 }] : [];
    });
    expect(entries).toHaveLength(10);
    const spec = loadSpec(file);
    expect(spec.checks.map((c) => ({ id: c.id, line: c.position.line }))).toEqual(entries);
    for (const check of spec.checks) expect(check.position.file).toBe(file);
  });

  it('YAML aliases are resolved before validation', () => {
    const description = VALID.slice(VALID.indexOf('description:'), VALID.indexOf('lab:'));
    const anchored = edited('title: TCP uppercase (TCPServer / TCPClient)\n', 'title: &title TCP uppercase (TCPServer / TCPClient)\n');
    const file = specFile(edited(description, 'description: *title\n', anchored));
    expect(loadSpec(file).description).toBe('TCP uppercase (TCPServer / TCPClient)');
  });
});

describe('resolveSpecPath and bundledSpecNames', () => {
  it('bundledSpecNames lists specs/*.yaml, sorted', () => {
    const onDisk = readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
    expect(bundledSpecNames()).toEqual(onDisk);
    expect(bundledSpecNames()).toEqual(['echo', 'echo-1000', 'sensor-stream', 'tcp-chat', 'tcp-hello', 'tcp-uppercase', 'udp-args', 'udp-hello', 'udp-uppercase']);
  });

  it('a name resolves to specs/<name>.yaml', () => {
    expect(resolveSpecPath('tcp-uppercase')).toBe(path.join(ROOT, 'specs', 'tcp-uppercase.yaml'));
    expect(resolveSpecPath('udp-uppercase')).toBe(path.join(ROOT, 'specs', 'udp-uppercase.yaml'));
  });

  it.each(['my-spec.yaml', 'my-spec.yml', 'specs/tcp-uppercase', './tcp-uppercase'])('%s is a path, returned as given', (given) => {
    expect(resolveSpecPath(given)).toBe(given);
  });

  it('an unknown name is an error listing the bundled names', () => {
    const message = 'no bundled spec named "tcp-upper" (bundled: echo, echo-1000, sensor-stream, tcp-chat, tcp-hello, tcp-uppercase, udp-args, udp-hello, udp-uppercase); pass a path to use your own';
    expect(() => resolveSpecPath('tcp-upper')).toThrow(new SpecError(message));
    const error = loadError('tcp-upper');
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toBe(message);
  });
});

it("the published schema's lab enum is exactly the labs sockgrade implements", () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'specs/spec.schema.json'), 'utf8'));
  expect(schema.properties.lab.enum).toEqual(Object.keys(labs));
});
