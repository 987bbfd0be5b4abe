// The reference logic the checks take their expected values from: pure functions, tested directly.
import { describe, expect, it } from 'vitest';
import { chatReply, normalizeWording } from '../../reference/chat.ts';
import { echoReply } from '../../reference/echo.ts';
import { LineFramer, parseReading } from '../../reference/sensor.ts';
import { senderLog } from '../../reference/udp-args.ts';
import { uppercaseReply } from '../../reference/uppercase.ts';

describe('chat', () => {
  it('counts bytes, not characters, and answers Exit with Disconnect', () => {
    expect(chatReply(Buffer.from('Hi')).toString()).toBe('Your data was 2 bytes');
    expect(chatReply(Buffer.from('héllo')).toString()).toBe('Your data was 6 bytes');
    expect(chatReply(Buffer.from('Exit')).toString()).toBe('Disconnect');
    expect(chatReply(Buffer.from('exit')).toString()).toBe('Your data was 4 bytes');
  });

  it('compares wording ignoring case and spacing, but not the numbers', () => {
    expect(normalizeWording('Received Message from Server :  Your data was 2 bytes\n')).toBe(normalizeWording('received message from server: your data was 2 bytes'));
    expect(normalizeWording('Your data was 3 bytes')).not.toBe(normalizeWording('Your data was 2 bytes'));
  });
});

describe('sensor', () => {
  it('frames lines whatever the segments: several in one, one split across two, a last one without newline', () => {
    const framer = new LineFramer();
    expect(framer.push(Buffer.from('21.50\n22.00\r\n22.'))).toEqual(['21.50', '22.00']);
    expect(framer.push(Buffer.from('5'))).toEqual([]);
    expect(framer.push(Buffer.from('0\n23'))).toEqual(['22.50']);
    expect(framer.end()).toEqual(['23']);
    expect(framer.end()).toEqual([]);
  });

  it('reads readings as numbers: 21.5 and 21.50 are one reading; text is none', () => {
    expect(parseReading(' 21.50 ')).toBe(21.5);
    expect(parseReading('-3')).toBe(-3);
    expect(parseReading("b'21.5\\n'")).toBeUndefined();
    expect(parseReading('')).toBeUndefined();
  });
});

describe('echo, uppercase and udp-args', () => {
  it('echo returns the very bytes; uppercase upper-cases the decoded text', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x41]);
    expect(echoReply(bytes).equals(bytes)).toBe(true);
    expect(uppercaseReply(Buffer.from('grüße')).toString()).toBe('GRÜSSE');
  });

  it("logs a sender as the handout's screenshot shows it", () => {
    expect(senderLog(Buffer.from('hello from client1'), '127.0.0.1', 1600)).toEqual(['This message:  hello from client1', "is received from: ('127.0.0.1', 1600)"]);
  });
});
