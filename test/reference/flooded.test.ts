// The reference servers a client may flood keep their memory bounded: the echo server stops reading
// from a client that does not read its echoes, and the sensor server's framer never grows a line.
import net from 'node:net';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { Waiters } from '../../harness/engine/waiters.ts';
import type { Closable } from '../../reference/kit/loopback.ts';
import type { Observer } from '../../reference/kit/observer.ts';
import { startEchoServer } from '../../reference/echo.ts';
import { LineFramer, MAX_LINE } from '../../reference/sensor.ts';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const MB = 1 << 20;

/** Why: get-port's port may be taken before the server binds it; then another one. */
async function echoOnFreePort(observer: Observer): Promise<{ server: Closable; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await getPort();
    try {
      return { server: await startEchoServer(port, observer), port };
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

describe('the reference echo server', () => {
  it('reads no further than its echoes can go from a client that does not read, and echoes everything once it does', async () => {
    const waiters = new Waiters();
    let received = 0;
    const { server, port } = await echoOnFreePort({ received: (data) => void ((received += data.length), waiters.notify()) });
    closers.push(() => server.close());
    const client = net.connect({ port, host: '127.0.0.1' });
    closers.push(() => client.destroy());
    client.pause(); // reads nothing: every echo stays in the buffers between the two
    const total = 48 * MB;
    const chunk = Buffer.alloc(MB, 'flood ');
    void (async () => {
      for (let sent = 0; sent < total; sent += MB) if (!client.write(chunk)) await new Promise((resolve) => client.once('drain', resolve));
    })();
    // The kernel's buffers hold a few MB each way; a server that kept on reading would take all 48 MB.
    expect(await waiters.until(() => received >= 24 * MB, 1500)).toBe(false);
    let echoed = 0;
    client.on('data', (data: Buffer) => void ((echoed += data.length), waiters.notify()));
    client.resume();
    expect(await waiters.until(() => echoed === total, 30_000)).toBe(true);
    expect(received).toBe(total);
  });
});

describe("the reference sensor server's LineFramer", () => {
  it('keeps at most MAX_LINE characters of a line that never ends, and frames readings as before', () => {
    const framer = new LineFramer();
    const chunk = Buffer.alloc(64 * 1024, ' 1');
    for (let i = 0; i < 160; i++) expect(framer.push(chunk)).toEqual([]);
    const [long, ...rest] = framer.push('\n21.50\r\n19.');
    expect(long).toHaveLength(MAX_LINE);
    expect(rest).toEqual(['21.50']);
    expect(framer.push('75\n')).toEqual(['19.75']);
  });
});
