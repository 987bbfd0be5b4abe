// What the reference server's watcher keeps is bounded: a legitimate conversation whole, a flood's
// beginning only (in order, long messages cut at a character), and every message counted.
import { describe, expect, it } from 'vitest';
import { Transcript } from '../../harness/engine/transcript.ts';
import { cutAt } from '../../harness/peers/kept.ts';
import { KEPT, KEPT_CONNECTIONS, Watched } from '../../harness/peers/watched.ts';

const CLIENT = '127.0.0.1:41234';
const keptBytes = (w: Watched) => w.requests.reduce((sum, m) => sum + m.data.length, 0);

describe('Watched', () => {
  it('keeps a thousand echo rounds whole, yet only the first messages of a flood, in order, all counted', () => {
    const rounds = new Watched(new Transcript(), 'reference server');
    for (let i = 0; i < 1000; i++) {
      rounds.received(Buffer.from('Hello, world'), CLIENT);
      rounds.sent(Buffer.from('Hello, world'), CLIENT);
    }
    expect(rounds.requests).toHaveLength(1000);
    expect(rounds.replies).toHaveLength(1000);
    expect(rounds.receivedBytes().toString()).toBe('Hello, world'.repeat(1000));

    const flooded = new Watched(new Transcript(), 'reference server', 'datagram');
    for (let i = 0; i < 100_000; i++) flooded.received(Buffer.from(`flood ${i} `.padEnd(1000, 'x')), CLIENT);
    expect(flooded.requests.length).toBeLessThanOrEqual(KEPT.messages);
    expect(keptBytes(flooded)).toBeLessThanOrEqual(KEPT.bytes);
    expect(flooded.requests.every((m, i) => m.data.toString().startsWith(`flood ${i} `) && m.bytes === 1000)).toBe(true);
    expect(flooded.requestTotals).toEqual({ messages: 100_000, bytes: 100_000_000 });
    expect(flooded.receivedBytes().length).toBe(keptBytes(flooded));
  });

  it('keeps the beginning of a long message, cut between characters, with its full size', () => {
    const watched = new Watched(new Transcript(), 'reference server');
    // One byte, then two-byte characters: the cut falls inside one, and backs off before it.
    const long = Buffer.from(`a${'é'.repeat(40_000)}`);
    watched.received(long, CLIENT);
    watched.sent(long, CLIENT);
    for (const message of [watched.requests[0], watched.replies[0]]) {
      expect(message.bytes).toBe(80_001);
      expect(message.data.length).toBeLessThanOrEqual(KEPT.messageBytes);
      expect(message.data.length).toBeGreaterThan(KEPT.messageBytes - 4);
      expect(message.data.toString()).toBe(`a${'é'.repeat((message.data.length - 1) / 2)}`);
    }
    expect(cutAt(Buffer.from('short'), 3).toString()).toBe('sho');
  });

  it('keeps the first connections and closes of a client that connects without end', () => {
    const watched = new Watched(new Transcript(), 'reference server');
    for (let i = 0; i < 10_000; i++) {
      watched.connected(`127.0.0.1:${20_000 + i}`);
      watched.closed(`127.0.0.1:${20_000 + i}`, 'peer');
    }
    expect(watched.connections).toHaveLength(KEPT_CONNECTIONS);
    expect(watched.closes).toHaveLength(KEPT_CONNECTIONS);
    expect(watched.connections[0].peer).toBe('127.0.0.1:20000');
  });
});
