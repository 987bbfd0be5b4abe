// Whether a port can be bound on this machine's loopback right now, by TCP or by UDP.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Transport } from '../spec/types.ts';

/** Why: get-port tests TCP only, and the handout port's lane must know it is free before it starts. */
export function portFree(port: number, transport: Transport): Promise<boolean> {
  return new Promise((resolve) => {
    if (transport === 'udp') {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, () => socket.close(() => resolve(true)));
      return;
    }
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
