// The name server of a check's private network (world.sh's resolv.conf names 127.0.0.1): any host
// name a program looks up, its lab machine's or its laptop's, gets an address of its own in
// 127.53.0.0/16, local to the namespace's loopback, so the program goes on and sockgrade can tell
// by the address which name it used. Nothing is asked of any other server.
import dgram from 'node:dgram';

const TYPE_A = 1;
// Names given addresses at most: a program that asks for endless names gets no more (its lookups fail).
const MAX_NAMES = 1000;
const CLASS_IN = 1;

interface Question {
  name: string;
  type: number;
  /** The question section as received, echoed in the answer. */
  raw: Buffer;
}

// A DNS name is at most 255 bytes: a longer one is no lookup.
const MAX_NAME = 255;

function question(query: Buffer): Question | undefined {
  // One question, and a query (not an answer sent to us).
  if (query.length < 12 || query.readUInt16BE(4) !== 1 || (query[2] & 0x80) !== 0) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset];
    if (length > 63 || offset + 1 + length > query.length) return undefined;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += 1 + length;
    if (offset - 12 > MAX_NAME) return undefined;
  }
  if (offset + 5 > query.length) return undefined;
  return { name: labels.join('.'), type: query.readUInt16BE(offset + 1), raw: query.subarray(12, offset + 5) };
}

/** Why: a program that names a host unknown in the sandbox is followed, not stopped by a failed lookup. */
export class PrivateDns {
  /** By lower-cased name: the name as first asked, and its address. */
  private readonly addresses = new Map<string, { name: string; address: string }>();

  private constructor(private readonly socket: dgram.Socket) {}

  /** Undefined when port 53 cannot be had: lookups then fail as they would with no network. */
  static async start(onLookup: (name: string, address: string) => void): Promise<PrivateDns | undefined> {
    const socket = dgram.createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(53, '127.0.0.1', () => resolve(true));
    });
    if (!bound) {
      socket.close();
      return undefined;
    }
    const dns = new PrivateDns(socket);
    socket.on('message', (query, from) => {
      const asked = question(query);
      if (!asked || (dns.addresses.size >= MAX_NAMES && !dns.addresses.has(asked.name.toLowerCase()))) return;
      const known = dns.addresses.has(asked.name.toLowerCase());
      const address = dns.addressOf(asked.name);
      if (!known) onLookup(asked.name, address);
      socket.send(dns.answer(query, asked, address), from.port, from.address);
    });
    socket.on('error', () => {});
    return dns;
  }

  /** The name that was given `address`, if a program looked one up. */
  nameOf(address: string): string | undefined {
    return [...this.addresses.values()].find((entry) => entry.address === address)?.name;
  }

  private addressOf(name: string): string {
    const key = name.toLowerCase();
    if (!this.addresses.has(key)) {
      const n = this.addresses.size + 1;
      this.addresses.set(key, { name, address: `127.53.${(n >> 8) & 255}.${n & 255}` });
    }
    return this.addresses.get(key)!.address;
  }

  // An A question gets the name's address; any other (AAAA first of all) an empty answer, so the
  // resolver settles on IPv4 at once.
  private answer(query: Buffer, asked: Question, address: string): Buffer {
    const isA = asked.type === TYPE_A;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8180, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(isA ? 1 : 0, 6);
    if (!isA) return Buffer.concat([header, asked.raw]);
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0);
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(0, 6);
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((part, i) => record.writeUInt8(Number(part), 12 + i));
    return Buffer.concat([header, asked.raw, record]);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
