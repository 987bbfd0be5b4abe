import readline from 'node:readline';
// Command-line plumbing shared by the reference programs, so each program reads like the handout.

/** Why: a reference program given a bad port must fail like a careful student's would, not throw. */
export function portArgument(value: string | undefined, usage: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return port;
}

/**
 * Why: input() in a loop. The reader is created on first use: lines that arrive before are kept in
 * the pipe, where a readline interface created early would emit them to no one.
 */
export async function* stdinLines(beforeEach: () => void = () => {}): AsyncIterable<string> {
  const input = readline.createInterface({ input: process.stdin, terminal: false });
  beforeEach();
  for await (const line of input) {
    yield line;
    beforeEach();
  }
}

/** Why: the handouts' clients call input() once; this is that, for Node. */
export async function readLineFromStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0].replace(/\r$/, '');
}
