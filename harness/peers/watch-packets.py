# Reports, one line each, the packets on a check's private loopback that tell where programs went:
# TCP SYN, FIN and RST, the first data of each TCP flow direction, the first datagram of each UDP
# flow direction, and ICMP port-unreachable. Run by sockgrade's worker (CAP_NET_RAW in the check's
# network namespace), never by a student's program. Line: NS PROTO KIND SRC SPORT DST DPORT
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
MAX_LINES = 2000


def ports(data, offset):
    return struct.unpack('!HH', data[offset:offset + 4]) if len(data) >= offset + 4 else (0, 0)


def parse(data, family):
    """(proto, src, sport, dst, dport, payload offset or None, tcp flags) of an IPv4/IPv6 packet."""
    if family == 0x0800 and len(data) >= 20:
        header, proto = (data[0] & 15) * 4, data[9]
        src, dst = socket.inet_ntop(socket.AF_INET, data[12:16]), socket.inet_ntop(socket.AF_INET, data[16:20])
    elif family == 0x86DD and len(data) >= 40:
        header, proto = 40, data[6]
        src, dst = socket.inet_ntop(socket.AF_INET6, data[8:24]), socket.inet_ntop(socket.AF_INET6, data[24:40])
    else:
        return None
    return proto, src, dst, header


def describe(data, family):
    parsed = parse(data, family)
    if parsed is None:
        return None
    proto, src, dst, header = parsed
    if proto == 6 and len(data) >= header + 14:
        sport, dport = ports(data, header)
        flags = data[header + 13]
        payload = len(data) - header - (data[header + 12] >> 4) * 4
        if flags & 0x04:
            kind = 'rst'
        elif flags & 0x02 and not flags & 0x10:
            kind = 'syn'
        elif flags & 0x01:
            kind = 'fin'
        elif payload > 0:
            kind = 'data'
        else:
            return None
        return 'tcp', kind, src, sport, dst, dport
    if proto == 17:
        sport, dport = ports(data, header)
        return 'udp', 'data', src, sport, dst, dport
    if proto in (1, 58) and len(data) > header + 8:
        kind_type, code = data[header], data[header + 1]
        unreachable = (proto == 1 and kind_type == 3 and code == 3) or (proto == 58 and kind_type == 1 and code == 4)
        inner = parse(data[header + 8:], family)
        if unreachable and inner is not None and inner[0] == 17:
            sport, dport = ports(data[header + 8:], inner[3])
            return 'udp', 'unreachable', inner[1], sport, inner[2], dport
    return None


def main():
    sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    sniffer.bind(('lo', 0))
    print('ready', flush=True)
    seen = set()
    while len(seen) < MAX_LINES:
        data, address = sniffer.recvfrom(65535)
        # Loopback shows each packet twice. The copy as sent is queued within the sender's own system
        # call, so packets are reported in the order they were sent (settle()'s marker relies on it);
        # the copy as received may wait in another CPU's backlog.
        if address[2] != PACKET_OUTGOING:
            continue
        try:
            event = describe(data, address[1])
        except (IndexError, ValueError, struct.error):
            event = None  # a packet too short to read: not where anyone went
        if event is None:
            continue
        # Data is reported once per flow direction; SYN, FIN and RST each time (retries tell something).
        key = event if event[1] == 'data' else None
        if key is not None and key in seen:
            continue
        seen.add(key or (event, len(seen)))
        sys.stdout.write('%d %s %s %s %d %s %d\n' % ((time.monotonic_ns(),) + event))
        sys.stdout.flush()


try:
    main()
except (KeyboardInterrupt, BrokenPipeError):
    pass
