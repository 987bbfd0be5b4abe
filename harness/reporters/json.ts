// The whole run as JSON: for scripts, gradebooks and sockgrade's own tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../engine/results.ts';
import type { Reporter } from './types.ts';

export class JsonReporter implements Reporter {
  readonly name = 'json';

  constructor(private readonly file: string) {}

  onEnd(run: RunResult): void {
    mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(run, null, 2)}\n`);
  }
}
