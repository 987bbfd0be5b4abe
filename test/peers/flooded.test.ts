// sockgrade's own client sockets flooded by a server: what waits unread is bounded, the first
// answer is still the one read, and what was dropped is counted.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../../harness/engine/transcript.ts';
import { TcpPeer, UNREAD_KEPT_BYTES } from '../../harness/peers/tcp.ts';
import { DATAGRAM_KEPT_BYTES, QUEUED_DATAGRAMS, UdpPeer } from '../../harness/peers/udp.ts';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** Why: the transcript is where a peer's every datagram shows; waits (bounded) until it holds `n`. */
async function recorded(transcript: Transcript, n: number): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (transcript.recorded < n && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  expect(transcript.recorded).toBe(n);
}

describe('a flooded UdpPeer', () => {
  it('queues the first datagrams, cut, drops and counts the rest, and still reads the first answer first', async () => {
    const transcript = new Transcript();
    const peer = await UdpPeer.open('127.0.0.1', transcript, 'sockgrade');
    closers.push(() => peer.close());
    const server = dgram.createSocket('udp4');
    closers.push(() => server.close());
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    // One at a time, each recorded before the next: loopback drops nothing, the peer sees all 200.
    for (let i = 0; i < 200; i++) {
      await new Promise((resolve) => server.send(Buffer.alloc(20_000, `answer ${i} `), peer.localPort, '127.0.0.1', resolve));
      await recorded(transcript, i + 1);
    }
    expect(peer.dropped).toBe(200 - QUEUED_DATAGRAMS);
    const first = await peer.receive(1000);
    expect(first!.data.length).toBe(DATAGRAM_KEPT_BYTES);
    expect(first!.data.toString()).toMatch(/^(answer 0 )+/);
    expect((await peer.receive(1000))!.data.toString()).toMatch(/^answer 1 /);
  });
});

describe('a flooded TcpPeer', () => {
  it('keeps at most its limit of unread bytes, the first ones, and still sees the end of the stream', async () => {
    const flood = Buffer.alloc(8 << 20, 'flood ');
    const server = net.createServer((socket) => socket.end(flood));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const peer = await TcpPeer.connect('127.0.0.1', (server.address() as net.AddressInfo).port, new Transcript(), 'sockgrade', 5000);
    closers.push(() => peer.close());
    expect(await peer.waitForEnd(20_000)).toBe(true);
    const { data, ended } = await peer.read(() => true, 1000);
    expect(ended).toBe(true);
    expect(data.equals(flood.subarray(0, UNREAD_KEPT_BYTES))).toBe(true);
    expect(peer.dropped).toBe(flood.length - UNREAD_KEPT_BYTES);
  });
});

