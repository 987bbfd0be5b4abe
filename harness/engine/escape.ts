// Program output and network bytes reach students, terminals and XML files: render them so every
// byte is visible and none can corrupt what displays it.

const NAMED: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };

function escapeCodePoint(cp: number, keepNewlines: boolean): string {
  if (cp === 0x0a && keepNewlines) return '\n';
  if (NAMED[cp] !== undefined && (cp !== 0x5c || !keepNewlines)) return NAMED[cp];
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  // C1 controls, surrogates, noncharacters and the BOM are invisible or invalid in XML; zero-width
  // and bidirectional controls (U+200B–U+200F, U+2028–U+202E, U+2066–U+2069) make text look like other text.
  const invisible = (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
  if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfeff || (cp & 0xfffe) === 0xfffe || invisible) {
    return `\\u{${cp.toString(16)}}`;
  }
  return String.fromCodePoint(cp);
}

/** Why: one rule for showing bytes: valid UTF-8 as text, anything else as \xNN. */
function escape(bytes: Buffer, keepNewlines: boolean): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const slice = length ? bytes.subarray(i, i + length) : undefined;
    const text = slice && slice.length === length ? slice.toString('utf8') : undefined;
    // A valid sequence decodes to exactly one code point with no replacement character.
    if (text && !text.includes('\ufffd') && [...text].length === 1) {
      out += escapeCodePoint(text.codePointAt(0)!, keepNewlines);
      i += length;
    } else {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** Why: a value shown on one line of a report (sent, expected, got). */
export function escapeInline(data: Buffer | string): string {
  return escape(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, false);
}

/** Why: program output shown as lines; newlines stay, everything else invisible is escaped. */
export function escapeBlock(data: Buffer | string): string {
  return escape(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, true);
}
