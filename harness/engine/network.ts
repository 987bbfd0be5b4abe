// A check's private network, seen from its worker: the name server that answers any name, and the
// packet log that tells where clients went. Outside a namespace there is neither.
import type { Closable } from '../../reference/kit/loopback.ts';
import { PrivateDns } from '../peers/dns.ts';
import { PacketLog } from '../peers/packets.ts';
import { escapeInline } from './escape.ts';
import type { Transcript } from './transcript.ts';

export class CheckNetwork {
  private dns?: Promise<PrivateDns | undefined>;
  private packetLog?: Promise<PacketLog | undefined>;

  /** `python` runs the packet watcher; `own` closes what is started when the check ends. */
  constructor(
    private readonly python: string | undefined,
    private readonly transcript: Transcript,
    private readonly own: <T extends Closable>(resource: T) => T,
  ) {}

  /** Why: lookups must be answered from the first program on. */
  nameServer(): Promise<PrivateDns | undefined> {
    const record = (name: string, address: string) => this.transcript.record('sockgrade', 'all', `"${escapeInline(name)}" looked up: the check's private network answers ${address}`);
    this.dns ??= PrivateDns.start(record).then((dns) => dns && this.own(dns));
    return this.dns;
  }

  /** Why: started before the first client, so that its first packet is seen. */
  watch(): Promise<PacketLog | undefined> {
    this.packetLog ??= this.python ? PacketLog.start(this.python).then((log) => log && this.own(log)) : Promise.resolve(undefined);
    return this.packetLog;
  }

  /** The packet log, if a client has started (and the watcher could run). */
  packets(): Promise<PacketLog | undefined> {
    return this.packetLog ?? Promise.resolve(undefined);
  }
}
