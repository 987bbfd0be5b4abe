// Python tracebacks cut down to the student's own frames: library internals only hide the error.
import path from 'node:path';

const HEADER = /^Traceback \(most recent call last\):$/;
// `  File "/x/TCPClient.py", line 9, in <module>`; a SyntaxError's frame has no `, in …`.
const FRAME = /^ {2}File "(.*)", line \d+(, in .*)?$/;

interface Frame {
  lines: string[];
  ours: boolean;
}

/** Why: a student reads `File "TCPClient.py", line 9` and the exception, not socket.py's internals. */
export function trimTraceback(text: string, studentDir: string): string {
  const dir = studentDir.replace(/\/+$/, '') + '/';
  const ours = (file: string) => file.startsWith(dir) || (!path.isAbsolute(file) && !file.startsWith('<'));
  const out: string[] = [];
  let frames: Frame[] | undefined; // the frames of the traceback being read, if any

  const flush = () => {
    if (!frames) return;
    const keep = frames.some((f) => f.ours) ? frames.map((f) => f.ours) : frames.map((_, i) => i === frames!.length - 1);
    let dropped = 0;
    frames.forEach((frame, i) => {
      if (!keep[i]) dropped++;
      if (dropped > 0 && (keep[i] || i === frames!.length - 1)) {
        out.push(`  … ${dropped} frame${dropped === 1 ? '' : 's'} in Python's library omitted`);
        dropped = 0;
      }
      if (keep[i]) out.push(...frame.lines);
    });
    frames = undefined;
  };

  for (const line of text.split('\n')) {
    const frame = FRAME.exec(line);
    if (HEADER.test(line)) {
      flush();
      out.push(line);
      frames = [];
    } else if (frame) {
      // A tail may begin inside a traceback, after its header.
      frames ??= [];
      frames.push({ lines: [line], ours: ours(frame[1]) });
    } else if (frames && /^\s/.test(line) && frames.length > 0) {
      frames[frames.length - 1].lines.push(line); // source line, ^^^^ markers, "[Previous line repeated …]"
    } else {
      flush(); // the exception line ends the traceback
      out.push(line);
    }
  }
  flush();
  return out.join('\n').split(dir).join('');
}
