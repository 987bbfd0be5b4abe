// What sockgrade's peers keep of what they receive: the beginning, as far as any check reads it;
// the rest is counted, never stored, so a flood costs the grader no memory.

/** How many messages and bytes went one way, kept or not. */
export interface Totals {
  messages: number;
  bytes: number;
}

/** Why: a message cut to at most `max` bytes, at a character boundary, copied so the chunk it came from can go. */
export function cutAt(data: Buffer, max: number): Buffer {
  if (data.length <= max) return Buffer.from(data);
  let end = max;
  // Back off UTF-8 continuation bytes: a cut character would show as a replacement, not as itself.
  while (end > 0 && end > max - 3 && (data[end] & 0xc0) === 0x80) end--;
  return Buffer.from(data.subarray(0, end));
}

export interface KeepLimits {
  /** Messages kept, the first ones. */
  messages: number;
  /** Bytes kept, all kept messages together. */
  bytes: number;
  /** Bytes kept of any one message; a longer one is kept cut. */
  messageBytes: number;
}

/**
 * Why: a list the checks index (`list[0]`, `list.length > i`) that keeps its first messages only.
 * Once one message is not kept, no later one is: index i is always the i-th message received.
 */
export class KeptList<T extends { data: Buffer }> {
  readonly kept: T[] = [];
  readonly totals: Totals = { messages: 0, bytes: 0 };
  private keptBytes = 0;
  private full = false;

  constructor(private readonly limits: KeepLimits) {}

  /** Counts the message; keeps it (cut to the per-message limit) while there is room. */
  add(data: Buffer, make: (kept: Buffer) => T): void {
    this.totals.messages++;
    this.totals.bytes += data.length;
    const size = Math.min(data.length, this.limits.messageBytes);
    this.full ||= this.kept.length >= this.limits.messages || this.keptBytes + size > this.limits.bytes;
    if (this.full) return;
    const kept = cutAt(data, this.limits.messageBytes);
    this.keptBytes += kept.length;
    this.kept.push(make(kept));
  }

  /** Messages received but not kept. */
  get dropped(): number {
    return this.totals.messages - this.kept.length;
  }
}
