// A reporter that throws must not stop the others, and its failure is reported once per hook.
import { describe, expect, it } from 'vitest';
import { Multiplexer } from '../../harness/reporters/multiplexer.ts';
import type { Reporter } from '../../harness/reporters/types.ts';

describe('Multiplexer', () => {
  it('isolates a throwing reporter and records what failed', async () => {
    const seen: string[] = [];
    const broken: Reporter = {
      name: 'broken',
      onSubmissionBegin() {
        throw new Error('disk full');
      },
      async onEnd() {
        throw new Error('cannot write');
      },
    };
    const good: Reporter = {
      name: 'good',
      onSubmissionBegin: (submission) => void seen.push(`begin ${submission}`),
      onEnd: () => void seen.push('end'),
    };
    const multiplexer = new Multiplexer([broken, good]);
    await multiplexer.emit('onSubmissionBegin', 'a', {} as never);
    await multiplexer.emit('onCheckEnd', 'a', {} as never);
    await multiplexer.emit('onEnd', { submissions: [], durationMs: 0, setting: { isolation: 'namespaces', jobs: 1, maxRssBytes: 0 } });
    expect(seen).toEqual(['begin a', 'end']);
    expect(multiplexer.failures).toEqual([
      'broken reporter failed in onSubmissionBegin: disk full',
      'broken reporter failed in onEnd: cannot write',
    ]);
  });
});
