// Python 2 programs, recognised by what Python 3 said when it ran them: a student whose
// `print "..."` is a SyntaxError needs to hear "this is Python 2", not "exited with status 1".

export interface Python2Sign {
  /** The file Python names, relative to the student's folder when it is in it. */
  file: string;
  line: number;
  /** The Python 2 construct, as a student would recognise it. */
  what: string;
}

// `  File "/x/TCPServer.py", line 12` (a SyntaxError) or `…, line 9, in <module>` (a runtime error).
const FRAME = /^ {2}File "(.*)", line (\d+)(?:, in .*)?$/;

// Builtins Python 2 had and Python 3 has not, with what Python 3 calls them.
const GONE_NAMES: Record<string, string> = {
  raw_input: 'input',
  xrange: 'range',
  unicode: 'str',
  unichr: 'chr',
  basestring: 'str',
  long: 'int',
  execfile: 'exec(open(f).read())',
};

// The exception line Python 3 printed (and the source line it quoted) → the Python 2 construct.
type Rule = (error: string, source: string) => string | undefined;
const RULES: Rule[] = [
  (e) => (/^SyntaxError: Missing parentheses in call to 'print'/.test(e) ? 'print statement' : undefined),
  (e) => (/^SyntaxError: Missing parentheses in call to 'exec'/.test(e) ? 'exec statement' : undefined),
  (e) => (/^SyntaxError: multiple exception types must be parenthesized/.test(e) ? '`except E, e:`, Python 3 writes `except E as e:`' : undefined),
  (e) => (/^TypeError: unsupported operand type\(s\) for >>: 'builtin_function_or_method'/.test(e) ? '`print >>file` statement' : undefined),
  (e) => {
    const name = /^NameError: name '(\w+)' is not defined/.exec(e)?.[1];
    return name && GONE_NAMES[name] ? `${name}, which Python 3 calls ${GONE_NAMES[name]}` : undefined;
  },
  (e) => {
    const method = /^AttributeError: 'dict' object has no attribute '(has_key|iteritems|iterkeys|itervalues)'/.exec(e)?.[1];
    return method ? `dict.${method}` : undefined;
  },
  (e) => (/^SyntaxError: leading zeros in decimal integer literals are not permitted/.test(e) ? 'an octal literal like 0777' : undefined),
  // Plain "invalid syntax": only where the quoted source line is unmistakably Python 2.
  (e, source) => {
    if (!/^SyntaxError: invalid syntax/.test(e)) return undefined;
    if (/^print\s+[^\s(=]/.test(source)) return 'print statement';
    if (/^raise\s+[\w.]+\s*,/.test(source)) return '`raise E, message`';
    if (/<>/.test(source)) return 'the `<>` operator';
    return undefined;
  },
];

/** Why: finds the first sign in a program's stderr that it is Python 2 code, with the file and line Python named. */
export function python2Sign(stderr: string, studentDir?: string): Python2Sign | undefined {
  const lines = stderr.split('\n');
  let frame = -1; // the frame nearest above: where Python stopped
  for (let i = 0; i < lines.length; i++) {
    if (FRAME.test(lines[i])) frame = i;
    if (frame < 0 || frame === i) continue;
    const source = (lines[frame + 1] ?? '').trim();
    const what = RULES.map((rule) => rule(lines[i], source)).find((found) => found !== undefined);
    if (!what) continue;
    const [, file, line] = FRAME.exec(lines[frame])!;
    return { file: relative(file, studentDir), line: Number(line), what };
  }
  return undefined;
}

/** Why: one plain wording for every failure a Python 2 program caused. */
export function describePython2(sign: Python2Sign): string {
  return `${sign.file} is Python 2 code (line ${sign.line}: ${sign.what}); sockgrade runs Python 3`;
}

function relative(file: string, studentDir: string | undefined): string {
  if (!studentDir) return file;
  const dir = studentDir.replace(/\/+$/, '') + '/';
  return file.startsWith(dir) ? file.slice(dir.length) : file;
}
