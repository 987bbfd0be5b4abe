import dgram from 'node:dgram';
import net from 'node:net';

// Clients name loopback as 127.0.0.1, localhost or ::1; a reference server must answer all of them.
let LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1'];

/** Why: in a check's private network every IPv4 address is local; there a server answers all of them. */
export function listenOnEveryAddress(): void {
  LOOPBACK_HOSTS = ['0.0.0.0', '::1'];
}

export interface Closable {
  close(): Promise<void>;
}

/** Peer address as a student would print it: `127.0.0.1:41234` or `[::1]:41234`. */
export function formatAddress(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

// IPv6 may be disabled on a host; only then is a missing ::1 not an error.
function ipv6Unavailable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT';
}

/** Why: one port on both loopback families, so any way a client names loopback reaches the server. */
export async function listenTcpOnLoopback(
  port: number,
  onConnection: (socket: net.Socket) => void,
): Promise<Closable> {
  const servers: net.Server[] = [];
  // net.Server.close() waits for open connections; a client that never closes must not block it.
  const connections = new Set<net.Socket>();
  const close = () => {
    for (const socket of connections) socket.destroy();
    return Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => {});
  };
  for (const host of LOOPBACK_HOSTS) {
    // Half-open allowed: a client that shuts down its sending side still gets its answers (observer.ts).
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      connections.add(socket);
      socket.once('close', () => connections.delete(socket));
      onConnection(socket);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host, ipv6Only: true }, resolve);
      });
      servers.push(server);
    } catch (error) {
      if (host === '::1' && ipv6Unavailable(error)) continue;
      await close();
      throw error;
    }
  }
  return { close };
}

/** Why: the UDP twin of listenTcpOnLoopback; replies must leave from the socket that received. */
export async function bindUdpOnLoopback(
  port: number,
  onMessage: (message: Buffer, from: dgram.RemoteInfo, socket: dgram.Socket) => void,
): Promise<Closable> {
  const sockets: dgram.Socket[] = [];
  const close = () => Promise.all(sockets.map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => {});
  for (const host of LOOPBACK_HOSTS) {
    const socket = host === '::1' ? dgram.createSocket({ type: 'udp6', ipv6Only: true }) : dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, host, () => resolve());
      });
      socket.on('message', (message, from) => onMessage(message, from, socket));
      sockets.push(socket);
    } catch (error) {
      socket.close();
      if (host === '::1' && ipv6Unavailable(error)) continue;
      await close();
      throw error;
    }
  }
  return { close };
}
