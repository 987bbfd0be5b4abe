// Text sockgrade already escaped (its backslashes are escapes) may still carry a name or a command
// that was not: only control and invisible characters are escaped here, so nothing is escaped twice.
import { escapeInline } from './escape.ts';

const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Why: the last guard before a terminal: no escape sequence, bidi or zero-width character gets through raw. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => escapeInline(c));
}
