// What a bounded transcript leaves out, counted: a flood becomes one line a student can read
// ("… 10,742 more events not shown: 9,120 × client → reference server: datagram, 1.2 MB; …").
import type { TranscriptEvent } from './results.ts';

// Kinds listed in the summary; a flood is one or two kinds, the rest are counted together.
const KINDS_SHOWN = 3;
// Kinds tallied separately; a program using a new port per datagram must not grow the tally either.
const KINDS_KEPT = 32;
const OTHER = 'other events';

interface Tally {
  events: number;
  bytes: number;
}

/** Why: one human size for a summary: `812 bytes`, `4.0 KB`, `1.2 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'KB'] : bytes < 1024 ** 3 ? [bytes / 1024 ** 2, 'MB'] : [bytes / 1024 ** 3, 'GB'];
  return `${value.toFixed(1)} ${unit}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why: the events a transcript drops are tallied by who sent what to whom, in constant memory. */
export class DroppedEvents {
  private total = 0;
  private firstAt = 0;
  private lastAt = 0;
  private readonly kinds = new Map<string, Tally>();

  get count(): number {
    return this.total;
  }

  add(event: Pick<TranscriptEvent, 'at' | 'from' | 'to' | 'what' | 'bytes'>): void {
    if (this.total === 0) this.firstAt = event.at;
    this.lastAt = event.at;
    this.total++;
    let key = `${event.from} → ${event.to}: ${event.what}`;
    if (!this.kinds.has(key) && this.kinds.size >= KINDS_KEPT) key = OTHER;
    const tally = this.kinds.get(key) ?? { events: 0, bytes: 0 };
    tally.events++;
    tally.bytes += event.bytes ?? 0;
    this.kinds.set(key, tally);
  }

  /** Why: the one event that stands for all dropped ones, placed where they were (at the first one's time). */
  summary(): TranscriptEvent | undefined {
    if (this.total === 0) return undefined;
    const kinds = [...this.kinds.entries()].filter(([kind]) => kind !== OTHER).sort((a, b) => b[1].events - a[1].events);
    const listed = kinds.slice(0, KINDS_SHOWN).map(([kind, t]) => `${count(t.events)} × ${kind}${t.bytes > 0 ? ` (${formatBytes(t.bytes)})` : ''}`);
    const rest = kinds.slice(KINDS_SHOWN).reduce((sum, [, t]) => sum + t.events, this.kinds.get(OTHER)?.events ?? 0);
    if (rest > 0) listed.push(`${count(rest)} other events`);
    const span = `+${(this.firstAt / 1000).toFixed(3)}s to +${(this.lastAt / 1000).toFixed(3)}s`;
    return {
      at: this.firstAt,
      from: 'sockgrade',
      to: 'report',
      what: `… ${count(this.total)} more events not shown (${span}): ${listed.join('; ')}`,
    };
  }
}
