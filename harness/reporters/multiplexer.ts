// Fans every event out to all reporters; one that throws is reported once and the others go on.
import type { Reporter } from './types.ts';

type Hook = Exclude<keyof Reporter, 'name'>;

/** Why: a broken reporter must never cost the grades the other reporters deliver. */
export class Multiplexer {
  readonly failures: string[] = [];

  constructor(private readonly reporters: Reporter[]) {}

  async emit<H extends Hook>(hook: H, ...args: Parameters<NonNullable<Reporter[H]>>): Promise<void> {
    for (const reporter of this.reporters) {
      const fn = reporter[hook] as ((...a: unknown[]) => unknown) | undefined;
      if (!fn) continue;
      try {
        await fn.apply(reporter, args);
      } catch (error) {
        this.failures.push(`${reporter.name} reporter failed in ${hook}: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }
}
