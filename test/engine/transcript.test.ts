// The transcript is bounded: a flood keeps the conversation's beginning and end, in time order, with
// one event that counts what was left out, and the payload shown stays small whatever the bytes.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../harness/engine/dropped-events.ts';
import { HEAD_EVENTS, MAX_EVENTS, SHOWN_BUDGET, TAIL_EVENTS, Transcript } from '../../harness/engine/transcript.ts';

const CLIENT = 'client 127.0.0.1:41234';

/** A flood as a reference server sees it: each datagram in, its answer out. */
function flood(transcript: Transcript, datagrams: number, payload: (i: number) => Buffer): void {
  for (let i = 0; i < datagrams; i++) {
    transcript.record(CLIENT, 'reference server', 'datagram', payload(i));
    transcript.record('reference server', CLIENT, 'datagram', payload(i));
  }
}

const summaries = (t: Transcript) => t.events.filter((e) => e.to === 'report');

describe('Transcript', () => {
  it('keeps a conversation of up to the kept number of events whole, without a summary', () => {
    const transcript = new Transcript();
    for (let i = 0; i < HEAD_EVENTS + TAIL_EVENTS; i++) transcript.record('sockgrade', 'server', 'data', `message ${i}`);
    const events = transcript.events;
    expect(events).toHaveLength(HEAD_EVENTS + TAIL_EVENTS);
    expect(events.map((e) => e.data)).toEqual(Array.from({ length: HEAD_EVENTS + TAIL_EVENTS }, (_, i) => `message ${i}`));
    expect(summaries(transcript)).toEqual([]);
  });

  it('keeps the first and the last events of a flood, in time order, and one summary counting the rest', () => {
    const transcript = new Transcript();
    transcript.record('sockgrade', 'client', 'start: python3 UDPClient.py 127.0.0.1 12000');
    flood(transcript, 5_500, (i) => Buffer.from(`flood ${i} `.padEnd(60, 'x')));
    transcript.end();
    const events = transcript.events;
    expect(transcript.recorded).toBe(11_002);
    expect(events).toHaveLength(MAX_EVENTS);
    // The beginning: the start, then the first datagrams in order.
    expect(events[0].what).toMatch(/^start:/);
    expect(events[1].data).toMatch(/^flood 0 x+$/);
    expect(events[HEAD_EVENTS - 1].data).toMatch(/^flood 99 x+$/);
    // The end: the last datagrams, then how the check ended.
    expect(events.at(-2)!.data).toMatch(/^flood 5499 x+$/);
    expect(events.at(-1)!.what).toBe('check over: stopping the programs');
    const [summary] = summaries(transcript);
    expect(events[HEAD_EVENTS]).toEqual(summary);
    // 11,002 recorded, 200 + 50 shown: 10,752 dropped, half each way, 60 bytes each.
    expect(summary.what).toMatch(/^… 10,752 more events not shown \(\+\d+\.\d{3}s to \+\d+\.\d{3}s\): /);
    expect(summary.what).toContain(`5,376 × ${CLIENT} → reference server: datagram (${formatBytes(5_376 * 60)})`);
    expect(summary.what).toContain(`5,376 × reference server → ${CLIENT}: datagram (${formatBytes(5_376 * 60)})`);
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('shows a bounded amount of payload per transcript whatever the bytes, each payload with its full size', () => {
    const transcript = new Transcript();
    // 64 KiB datagrams of \xff: each byte is four characters once escaped.
    flood(transcript, 2_000, () => Buffer.alloc(65_536, 0xff));
    const events = transcript.events;
    expect(events).toHaveLength(MAX_EVENTS);
    const payloads = events.filter((e) => e.data !== undefined);
    for (const event of payloads) {
      expect(event.bytes).toBe(65_536);
      expect(event.data).toMatch(/^(\\xff)*… \(65536 bytes\)$/);
    }
    const shown = payloads.reduce((sum, e) => sum + e.data!.length, 0);
    expect(shown).toBeLessThan(SHOWN_BUDGET + TAIL_EVENTS * 700);
    // Once the beginning's share is used up, an event still says how big its payload was.
    expect(payloads[HEAD_EVENTS - 1].data).toBe('… (65536 bytes)');
    expect(payloads.at(-1)!.data!.length).toBeGreaterThan(100);
    expect(JSON.stringify(events).length).toBeLessThan(120_000);
  });

  it('names the kinds a flood of many ports is made of without growing, and records nothing after the end', () => {
    const transcript = new Transcript();
    // A client that uses a new port for every datagram: every event is a kind of its own.
    for (let i = 0; i < 20_000; i++) transcript.record(`client 127.0.0.1:${10_000 + i}`, 'reference server', 'datagram', 'x');
    transcript.end();
    transcript.record('client 127.0.0.1:9', 'reference server', 'datagram', 'after the end');
    const [summary] = summaries(transcript);
    // 20,001 recorded, 250 shown; 32 ports are tallied by name, the rest together.
    expect(summary.what).toMatch(/^… 19,751 more events not shown \(.*\): 1 × client 127\.0\.0\.1:\d+ → reference server: datagram \(1 byte\); .*; 19,748 other events$/);
    expect(summary.what.length).toBeLessThan(400);
    expect(transcript.events.at(-1)!.what).toBe('check over: stopping the programs');
    expect(transcript.recorded).toBe(20_001);
  });
});
