// escapeInline / escapeBlock: every byte visible, valid UTF-8 kept as text, nothing raw that could
// corrupt a terminal or an XML report.
import { describe, expect, it } from 'vitest';
import { escapeBlock, escapeInline } from '../../harness/engine/escape.ts';

const bytes = (...values: number[]) => Buffer.from(values);

describe('escapeInline and escapeBlock', () => {
  it('leave plain printable ASCII unchanged', () => {
    const plain = 'Hello, World! 0123456789 ~`!@#$%^&*()_+-=[]{}|;:\'",.<>/?';
    expect(escapeInline(plain)).toBe(plain);
    expect(escapeBlock(plain)).toBe(plain);
    expect(escapeInline(Buffer.from(plain))).toBe(plain);
  });

  it('escape NUL, ESC and DEL as \\xNN', () => {
    for (const escape of [escapeInline, escapeBlock]) {
      expect(escape(bytes(0x00))).toBe('\\x00');
      expect(escape(bytes(0x1b))).toBe('\\x1b');
      expect(escape(bytes(0x7f))).toBe('\\x7f');
      expect(escape('a\u0000b\u001b[31mc\u007f')).toBe('a\\x00b\\x1b[31mc\\x7f');
    }
  });

  it('escape each invalid UTF-8 byte as \\xNN', () => {
    for (const escape of [escapeInline, escapeBlock]) {
      expect(escape(bytes(0xff))).toBe('\\xff');
      expect(escape(bytes(0x61, 0xff, 0x62))).toBe('a\\xffb');
      // A lone lead byte, at the end and before ASCII.
      expect(escape(bytes(0xc3))).toBe('\\xc3');
      expect(escape(bytes(0xc3, 0x41))).toBe('\\xc3A');
      // The first two bytes of € (e2 82 ac), at the end and before ASCII.
      expect(escape(bytes(0xe2, 0x82))).toBe('\\xe2\\x82');
      expect(escape(bytes(0xe2, 0x82, 0x41))).toBe('\\xe2\\x82A');
      // A lone continuation byte, an overlong '/', and an encoded surrogate.
      expect(escape(bytes(0x80))).toBe('\\x80');
      expect(escape(bytes(0xc0, 0xaf))).toBe('\\xc0\\xaf');
      expect(escape(bytes(0xed, 0xa0, 0x80))).toBe('\\xed\\xa0\\x80');
    }
  });

  it('keep valid multi-byte characters', () => {
    const text = 'café 中文 😀 naïve';
    expect(escapeInline(text)).toBe(text);
    expect(escapeBlock(Buffer.from(text))).toBe(text);
    // Valid characters next to invalid bytes are still kept.
    expect(escapeInline(Buffer.concat([Buffer.from('é'), bytes(0xff), Buffer.from('中')]))).toBe('é\\xff中');
  });

  it('show a newline as \\n inline but keep it in block mode', () => {
    expect(escapeInline('one\ntwo\n')).toBe('one\\ntwo\\n');
    expect(escapeBlock('one\ntwo\n')).toBe('one\ntwo\n');
    expect(escapeInline('a\tb\rc')).toBe('a\\tb\\rc');
    expect(escapeBlock('a\tb\r\nc')).toBe('a\\tb\\r\nc');
  });

  it('escape a backslash inline, so an escape cannot be faked', () => {
    expect(escapeInline('\\x00')).toBe('\\\\x00');
    expect(escapeInline('\\x00')).not.toBe(escapeInline(bytes(0)));
  });

  it('escape C1 controls, U+FFFE, U+FFFF and the BOM', () => {
    for (const escape of [escapeInline, escapeBlock]) {
      expect(escape('a\u0085b')).toBe('a\\u{85}b');
      expect(escape('\u009b')).toBe('\\u{9b}');
      expect(escape('\ufffe')).toBe('\\u{fffe}');
      expect(escape('\uffff')).toBe('\\u{ffff}');
      expect(escape('\ufeff')).toBe('\\u{feff}');
    }
  });

  it('escape zero-width and bidirectional controls, which make text look like other text', () => {
    for (const escape of [escapeInline, escapeBlock]) {
      expect(escape('abc\u202edef')).toBe('abc\\u{202e}def');
      expect(escape('a\u200bb\u2028c\u2066d')).toBe('a\\u{200b}b\\u{2028}c\\u{2066}d');
    }
  });
});

// Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces that make tricky buffers: lone bytes, and valid characters a raw byte stream rarely forms.
const PIECES = ['é', '中', '😀', '\u0085', '\u009f', '\ufffe', '\uffff', '\ufeff', '\u{1fffe}', '\u2028', '\n', '\r', '\t', '\\'].map((s) => Buffer.from(s));

function randomBuffer(next: () => number): Buffer {
  const parts: Buffer[] = [];
  const count = Math.floor(next() * 40);
  for (let i = 0; i < count; i++) {
    const byte = Math.floor(next() * 256);
    parts.push(next() < 0.7 ? bytes(byte) : next() < 0.5 ? PIECES[byte % PIECES.length] : PIECES[byte % PIECES.length].subarray(0, 1 + (byte % 3)));
  }
  return Buffer.concat(parts);
}

// Raw C0 and C1 controls, DEL, lone surrogates, the BOM and noncharacters.
const RAW_CONTROL_BLOCK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cs}\ufeff\ufffe\uffff\u{1fffe}\u{1ffff}]/u;
const RAW_CONTROL_INLINE = /[\u0000-\u001f\u007f-\u009f\p{Cs}\ufeff\ufffe\uffff\u{1fffe}\u{1ffff}]/u;

describe('escaping random bytes', () => {
  it('never outputs a raw control character', () => {
    const next = random(20240601);
    for (let i = 0; i < 2000; i++) {
      const input = randomBuffer(next);
      const inline = escapeInline(input);
      const block = escapeBlock(input);
      expect(RAW_CONTROL_INLINE.test(inline), `inline ${input.toString('hex')} → ${JSON.stringify(inline)}`).toBe(false);
      expect(RAW_CONTROL_BLOCK.test(block), `block ${input.toString('hex')} → ${JSON.stringify(block)}`).toBe(false);
      // Block mode differs from inline only in how it shows newlines and backslashes.
      expect(block.split('\n').length - 1).toBe(input.filter((b) => b === 0x0a).length);
    }
  });

  it('renders inline so that the original bytes can be recovered', () => {
    const next = random(7);
    for (let i = 0; i < 2000; i++) {
      const input = randomBuffer(next);
      expect(unescapeInline(escapeInline(input)).toString('hex'), JSON.stringify(escapeInline(input))).toBe(input.toString('hex'));
    }
  });
});

/** The inverse of escapeInline, for the round-trip check above. */
function unescapeInline(text: string): Buffer {
  const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };
  const parts: Buffer[] = [];
  const pattern = /\\x([0-9a-f]{2})|\\u\{([0-9a-f]+)\}|\\([nrt\\])|([^\\]+)/gu;
  for (const match of text.matchAll(pattern)) {
    if (match[1]) parts.push(bytes(parseInt(match[1], 16)));
    else if (match[2]) parts.push(Buffer.from(String.fromCodePoint(parseInt(match[2], 16))));
    else if (match[3]) parts.push(Buffer.from(named[match[3]]));
    else parts.push(Buffer.from(match[4]));
  }
  return Buffer.concat(parts);
}
