// The harness's UDP socket: sends datagrams, receives answers with a limit, records both.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { formatAddress } from '../../reference/kit/loopback.ts';
import type { Transcript } from '../engine/transcript.ts';
import { Waiters } from '../engine/waiters.ts';
import { cutAt } from './kept.ts';

/**
 * What waits unread: each check reads one answer per socket, and a server's answer is a sentence,
 * so 64 datagrams of at most 8 KiB each (the rest of a longer one is cut: it is wrong anyway) is
 * plenty; a server that floods the harness loses the rest, as a full socket buffer would, counted in `dropped`.
 */
export const QUEUED_DATAGRAMS = 64;
export const DATAGRAM_KEPT_BYTES = 8 * 1024;

export interface Datagram {
  data: Buffer;
  from: string;
}

/** Why: a UDP client of the student's server whose every datagram appears in the transcript. */
export class UdpPeer {
  private queue: Datagram[] = [];
  private readonly waiters = new Waiters();
  private droppedDatagrams = 0;

  private constructor(
    private readonly socket: dgram.Socket,
    private readonly transcript: Transcript,
    readonly name: string,
  ) {
    socket.on('message', (data, rinfo) => {
      const from = formatAddress(rinfo.address, rinfo.port);
      transcript.record(`server ${from}`, name, 'datagram', data);
      if (this.queue.length >= QUEUED_DATAGRAMS) return void this.droppedDatagrams++;
      this.queue.push({ data: cutAt(data, DATAGRAM_KEPT_BYTES), from });
      this.waiters.notify();
    });
    socket.on('error', () => {});
  }

  /** Why: a fresh socket is a fresh source port, which is what "a new client" means for UDP. */
  static async open(host: string, transcript: Transcript, name: string): Promise<UdpPeer> {
    const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve) => socket.bind(0, host, resolve));
    return new UdpPeer(socket, transcript, `${name} (port ${socket.address().port})`);
  }

  /** Datagrams received but not queued: QUEUED_DATAGRAMS were waiting unread. */
  get dropped(): number {
    return this.droppedDatagrams;
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  send(data: Buffer | string, host: string, port: number): void {
    this.transcript.record(this.name, `server ${formatAddress(host, port)}`, 'datagram', data);
    this.socket.send(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, port, host);
  }

  /** Why: UDP gives no error when nobody answers; the limit turns silence into a verdict. */
  async receive(timeoutMs: number): Promise<Datagram | undefined> {
    await this.waiters.until(() => this.queue.length > 0, timeoutMs);
    return this.queue.shift();
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // Already closed.
    }
  }
}
