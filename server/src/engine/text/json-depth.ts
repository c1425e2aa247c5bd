/**
 * JSON nesting, measured without parsing: parsers of JSON (jsonc-parser, TypeScript's for tsconfig)
 * recurse once per level, and a file nested thousands deep overflows the stack.
 */

/** Far deeper than any configuration; the JSON parser recurses per level, and must not be handed thousands. */
export const MAX_JSON_DEPTH = 100;

/**
 * The offset of the first `{` or `[` nested deeper than `MAX_JSON_DEPTH`, outside strings and
 * comments, or undefined: one pass, no recursion.
 */
export function firstTooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i = afterToken(text, i)) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth > MAX_JSON_DEPTH) return i;
  }
  return undefined;
}

/** Where the token at `i` ends: past a string or a comment as a whole, else the next character. */
function afterToken(text: string, i: number): number {
  if (text[i] === '"') {
    let end = i + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    return end + 1;
  }
  if (text.startsWith('//', i)) {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }
  if (text.startsWith('/*', i)) {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i + 1;
}
