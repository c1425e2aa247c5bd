import { ensure } from './not-parameterizable';
import type { CharPiece } from './pieces';

// The characters of a string or template literal, as written and as meant.

const ESCAPE = /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\r\n\u2028\u2029])|([1-9]|0[0-9])|([\s\S]))/y;
const SINGLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

export function literalChars(raw: string): CharPiece[] {
  const chars: CharPiece[] = [];
  for (let offset = 0; offset < raw.length;) {
    const char = charAt(raw, offset);
    chars.push(char);
    offset += char.raw.length;
  }
  return chars;
}

function charAt(raw: string, offset: number): CharPiece {
  const char = raw.charAt(offset);
  if (char === '\r') return { kind: 'char', cooked: '\n', raw: raw.startsWith('\r\n', offset) ? '\r\n' : '\r' };
  if (char !== '\\') return { kind: 'char', cooked: char, raw: char };
  ESCAPE.lastIndex = offset;
  const escape = ESCAPE.exec(raw);
  ensure(escape !== null && escape[5] === undefined, 'a legacy octal escape');
  return { kind: 'char', cooked: cookedEscape(escape), raw: escape[0] };
}

function cookedEscape(escape: RegExpExecArray): string {
  const hex = escape[1] ?? escape[2] ?? escape[3];
  if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
  if (escape[4] !== undefined) return '';
  const char = escape[6] ?? '';
  return SINGLE_ESCAPES[char] ?? char;
}
