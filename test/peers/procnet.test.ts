// boundSockets reads /proc/net: checked against real sockets this test opens on ports the OS picks.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boundSockets, loopbackFor } from '../../harness/peers/procnet.ts';

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function tcpServer(host: string): Promise<net.Server> {
  const server = net.createServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  closers.push(() => closeServer(server));
  return server;
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

async function udpSocket(type: 'udp4' | 'udp6', host: string): Promise<dgram.Socket> {
  const socket = dgram.createSocket(type);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  let open = true;
  socket.once('close', () => (open = false));
  closers.push(() => (open ? new Promise((resolve) => socket.close(() => resolve())) : Promise.resolve()));
  return socket;
}

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

async function listed(transport: 'tcp' | 'udp', port: number) {
  const sockets = await boundSockets(transport);
  expect(sockets, 'this test needs Linux /proc/net').not.toBeNull();
  return sockets!.filter((s) => s.port === port);
}

/** Whether this machine can bind ::1 at all (IPv6 may be disabled in containers). */
async function ipv6Loopback(): Promise<boolean> {
  const probe = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => resolve(true));
  });
  await closeServer(probe);
  return ok;
}

describe('boundSockets(tcp)', () => {
  it('lists a server listening on 127.0.0.1 with its address and port', async () => {
    const port = portOf(await tcpServer('127.0.0.1'));
    const found = await listed('tcp', port);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ address: '127.0.0.1', port });
    expect(found[0].inode).toBeGreaterThan(0);
  });

  it('lists a server listening on ::1 (and on ::ffff:127.0.0.1)', async (context) => {
    if (!(await ipv6Loopback())) context.skip('::1 cannot be bound on this machine');
    const port = portOf(await tcpServer('::1'));
    expect(await listed('tcp', port)).toEqual([expect.objectContaining({ address: '::1', port })]);
    const mapped = portOf(await tcpServer('::ffff:127.0.0.1'));
    expect(await listed('tcp', mapped)).toEqual([expect.objectContaining({ address: '::ffff:127.0.0.1', port: mapped })]);
  });

  it('does not report a connected socket as listening', async () => {
    const server = await tcpServer('127.0.0.1');
    const port = portOf(server);
    const accepted = new Promise<void>((resolve) => server.once('connection', () => resolve()));
    const client = net.connect(port, '127.0.0.1');
    closers.push(() => new Promise((resolve) => (client.destroyed ? resolve() : client.once('close', () => resolve()).destroy())));
    await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
    await accepted;
    // Three sockets now use these ports; only the listening one is reported.
    expect(await listed('tcp', client.localPort!)).toEqual([]);
    expect(await listed('tcp', port)).toHaveLength(1);
  });

  it('no longer lists the port once the server is closed', async () => {
    const server = await tcpServer('127.0.0.1');
    const port = portOf(server);
    expect(await listed('tcp', port)).toHaveLength(1);
    await closeServer(server);
    expect(await listed('tcp', port)).toEqual([]);
  });
});

describe('boundSockets(udp)', () => {
  it('lists a socket bound on 0.0.0.0', async () => {
    const port = (await udpSocket('udp4', '0.0.0.0')).address().port;
    expect(await listed('udp', port)).toEqual([expect.objectContaining({ address: '0.0.0.0', port })]);
  });

  it('lists a socket bound on ::', async (context) => {
    if (!(await ipv6Loopback())) context.skip('IPv6 is not available on this machine');
    const port = (await udpSocket('udp6', '::')).address().port;
    expect(await listed('udp', port)).toEqual([expect.objectContaining({ address: '::', port })]);
  });

  it('no longer lists the port once the socket is closed', async () => {
    const socket = await udpSocket('udp4', '127.0.0.1');
    const port = socket.address().port;
    expect(await listed('udp', port)).toEqual([expect.objectContaining({ address: '127.0.0.1', port })]);
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    expect(await listed('udp', port)).toEqual([]);
  });
});

describe('loopbackFor', () => {
  it('maps wildcard and IPv4-mapped addresses to a loopback address a local client can use', () => {
    expect(loopbackFor('0.0.0.0')).toBe('127.0.0.1');
    expect(loopbackFor('::')).toBe('::1');
    expect(loopbackFor('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('leaves specific addresses alone', () => {
    expect(loopbackFor('127.0.0.1')).toBe('127.0.0.1');
    expect(loopbackFor('::1')).toBe('::1');
    expect(loopbackFor('10.1.2.3')).toBe('10.1.2.3');
  });
});
