/**
 * Expands VS Code snippet bodies the way the editor inserts them, for tests. It follows VS Code's
 * snippet grammar and its `SnippetParser` (src/vs/editor/contrib/snippet/browser/snippetParser.ts):
 *
 * - `$1`, `${1}`, `${1:default}` (nested), `${1|one,two|}`: the first placeholder of an index that
 *   has a value (default text or choice) gives it to every other occurrence (its mirrors); a
 *   choice gives its first option; an index without any value expands to nothing; `$0` is empty;
 * - `${1/regex/format/flags}`: transforms with `$n`, `${n}`, `${n:/upcase|downcase|capitalize|
 *   camelcase|pascalcase}`, `${n:+if}`, `${n:-else}`, `${n:?if:else}`, `${n:else}`. VS Code applies
 *   a tab stop's transforms when the user tabs out of it, not at insertion: `transforms: false`
 *   gives what the editor shows right after insertion, the default what it shows after tabbing
 *   through every placeholder (which is what users keep);
 * - `$NAME`, `${NAME}`, `${NAME:default}`, `${NAME/regex/format/flags}`: variables, resolved (and
 *   transformed) at insertion from `variables`;
 * - `\$`, `\}`, `\\` escape in text; `\,`, `\|` in choices; `\/` in transforms.
 *
 * Stricter than the editor, which inserts unknown variables as placeholders named after them and
 * what it cannot parse as literal text: here an unknown variable (`${id}` from a template literal
 * whose `$` was not escaped) or a `${` that starts nothing is an error.
 */

export type FormatPart =
  | { readonly kind: 'text'; readonly value: string }
  | {
      readonly kind: 'group';
      readonly group: number;
      readonly shorthand?: string;
      readonly ifValue?: string;
      readonly elseValue?: string;
    };

export interface Transform {
  readonly regex: RegExp;
  readonly format: readonly FormatPart[];
}

export type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly transform?: Transform }
  | { readonly kind: 'placeholder'; readonly index: number; readonly children: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children?: readonly SnippetNode[]; readonly transform?: Transform };

export interface ExpandOptions {
  /** Variable values (`TM_FILENAME_BASE`…). A variable missing here takes its default, else it is an error. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Apply tab-stop transforms, as after tabbing through the snippet (default), or not, as right after insertion. */
  readonly transforms?: boolean;
}

export class SnippetSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'SnippetSyntaxError';
  }
}

const VARIABLE_NAME = /[_a-zA-Z][_a-zA-Z0-9]*/y;
const INTEGER = /[0-9]+/y;

class Parser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(): SnippetNode[] {
    return this.sequence(false);
  }

  /** Text and markers up to the end, or up to the `}` closing a placeholder's default (left unread). */
  private sequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos]!;
      if (ch === '\\') {
        text += this.escaped('$}\\');
      } else if (ch === '}' && nested) {
        flush();
        return nodes;
      } else if (ch === '$') {
        const marker = this.marker();
        if (marker) {
          flush();
          nodes.push(marker);
        } else {
          text += '$';
          this.pos += 1;
        }
      } else {
        text += ch;
        this.pos += 1;
      }
    }
    if (nested) throw new SnippetSyntaxError('unterminated placeholder or variable default', this.pos);
    flush();
    return nodes;
  }

  /** `\x`: x when it is one of the escapable characters, else the backslash itself. */
  private escaped(escapable: string): string {
    const next = this.source[this.pos + 1];
    if (next !== undefined && escapable.includes(next)) {
      this.pos += 2;
      return next;
    }
    this.pos += 1;
    return '\\';
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.source)?.[0];
    if (found !== undefined) this.pos += found.length;
    return found;
  }

  private expect(ch: string): void {
    if (this.source[this.pos] !== ch) throw new SnippetSyntaxError(`expected "${ch}"`, this.pos);
    this.pos += 1;
  }

  /** At a `$`: a marker, or undefined when the `$` is plain text (`$/`, `$ `). */
  private marker(): SnippetNode | undefined {
    const start = this.pos;
    this.pos += 1;
    const index = this.match(INTEGER);
    if (index !== undefined) return { kind: 'tabstop', index: Number(index) };
    const name = this.match(VARIABLE_NAME);
    if (name !== undefined) return { kind: 'variable', name };
    if (this.source[this.pos] !== '{') {
      this.pos = start;
      return undefined;
    }
    this.pos += 1;
    const braceIndex = this.match(INTEGER);
    if (braceIndex !== undefined) return this.complexTabstop(Number(braceIndex));
    const braceName = this.match(VARIABLE_NAME);
    if (braceName !== undefined) return this.complexVariable(braceName);
    throw new SnippetSyntaxError('"${" starts neither a tab stop nor a variable (escape it as "\\${")', start);
  }

  private complexTabstop(index: number): SnippetNode {
    const ch = this.source[this.pos];
    this.pos += 1;
    if (ch === '}') return { kind: 'tabstop', index };
    if (ch === ':') {
      const children = this.sequence(true);
      this.expect('}');
      return { kind: 'placeholder', index, children };
    }
    if (ch === '|' && index > 0) return { kind: 'choice', index, options: this.choiceOptions() };
    if (ch === '/') return { kind: 'tabstop', index, transform: this.transform() };
    throw new SnippetSyntaxError(`unexpected "${ch ?? 'end'}" after "\${${index}" (escape a literal "\${" as "\\\${")`, this.pos - 1);
  }

  private complexVariable(name: string): SnippetNode {
    const ch = this.source[this.pos];
    this.pos += 1;
    if (ch === '}') return { kind: 'variable', name };
    if (ch === ':') {
      const children = this.sequence(true);
      this.expect('}');
      return { kind: 'variable', name, children };
    }
    if (ch === '/') return { kind: 'variable', name, transform: this.transform() };
    throw new SnippetSyntaxError(`unexpected "${ch ?? 'end'}" after "\${${name}" (escape a literal "\${" as "\\\${")`, this.pos - 1);
  }

  /** `one,two|}` after `${1|`. */
  private choiceOptions(): string[] {
    const options: string[] = [];
    let option = '';
    for (;;) {
      const ch = this.source[this.pos];
      if (ch === undefined) throw new SnippetSyntaxError('unterminated choice', this.pos);
      if (ch === '\\') {
        option += this.escaped(',|\\');
        continue;
      }
      this.pos += 1;
      if (ch === ',') {
        options.push(option);
        option = '';
      } else if (ch === '|') {
        options.push(option);
        this.expect('}');
        if (options.some((o) => o === '')) throw new SnippetSyntaxError('empty choice option', this.pos);
        return options;
      } else {
        option += ch;
      }
    }
  }

  /** `regex/format/flags}` after `${1/` or `${NAME/`. */
  private transform(): Transform {
    let regex = '';
    for (;;) {
      const ch = this.source[this.pos];
      if (ch === undefined) throw new SnippetSyntaxError('unterminated transform', this.pos);
      this.pos += 1;
      if (ch === '/') break;
      if (ch === '\\' && this.source[this.pos] === '/') {
        regex += '/';
        this.pos += 1;
      } else {
        regex += ch;
      }
    }
    const format = this.format();
    const flags = this.until('}');
    return { regex: new RegExp(regex, flags), format };
  }

  private format(): FormatPart[] {
    const parts: FormatPart[] = [];
    for (;;) {
      const ch = this.source[this.pos];
      if (ch === undefined) throw new SnippetSyntaxError('unterminated transform format', this.pos);
      if (ch === '/') {
        this.pos += 1;
        return parts;
      }
      if (ch === '\\') {
        parts.push({ kind: 'text', value: this.escaped('\\/') });
        continue;
      }
      const group = ch === '$' ? this.formatGroup() : undefined;
      if (group) {
        parts.push(group);
      } else {
        parts.push({ kind: 'text', value: ch });
        this.pos += 1;
      }
    }
  }

  /** `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`, `${1:else}`. */
  private formatGroup(): FormatPart | undefined {
    const start = this.pos;
    this.pos += 1;
    const braced = this.source[this.pos] === '{';
    if (braced) this.pos += 1;
    const index = this.match(INTEGER);
    if (index === undefined) {
      this.pos = start;
      return undefined;
    }
    const group = Number(index);
    if (!braced) return { kind: 'group', group };
    const ch = this.source[this.pos];
    this.pos += 1;
    if (ch === '}') return { kind: 'group', group };
    if (ch !== ':') throw new SnippetSyntaxError('malformed format group', start);
    const mode = this.source[this.pos];
    if (mode === '/') {
      this.pos += 1;
      const shorthand = this.match(VARIABLE_NAME);
      this.expect('}');
      if (!shorthand || !['upcase', 'downcase', 'capitalize', 'camelcase', 'pascalcase'].includes(shorthand)) {
        throw new SnippetSyntaxError(`unknown format "${shorthand ?? ''}"`, start);
      }
      return { kind: 'group', group, shorthand };
    }
    if (mode === '+') {
      this.pos += 1;
      return { kind: 'group', group, ifValue: this.until('}') };
    }
    if (mode === '-') {
      this.pos += 1;
      return { kind: 'group', group, elseValue: this.until('}') };
    }
    if (mode === '?') {
      this.pos += 1;
      const ifValue = this.until(':');
      return { kind: 'group', group, ifValue, elseValue: this.until('}') };
    }
    return { kind: 'group', group, elseValue: this.until('}') };
  }

  /** Text up to `end` (consumed), with `\$`, `\}` and `\\` escapes. */
  private until(end: string): string {
    let value = '';
    for (;;) {
      const ch = this.source[this.pos];
      if (ch === undefined) throw new SnippetSyntaxError(`expected "${end}"`, this.pos);
      if (ch === '\\') {
        value += this.escaped('$}\\');
        continue;
      }
      this.pos += 1;
      if (ch === end) return value;
      value += ch;
    }
  }
}

export function parseSnippet(body: string | readonly string[]): SnippetNode[] {
  return new Parser(typeof body === 'string' ? body : body.join('\n')).parse();
}

function words(value: string): string[] {
  return value.match(/[a-z0-9]+/gi) ?? [];
}

function applyShorthand(shorthand: string, value: string): string {
  if (value === '') return '';
  switch (shorthand) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value.charAt(0).toLocaleUpperCase() + value.slice(1);
    case 'pascalcase':
      return words(value).length === 0
        ? value
        : words(value)
            .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
            .join('');
    default: // camelcase
      return words(value).length === 0
        ? value
        : words(value)
            .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1))
            .join('');
  }
}

function resolvePart(part: FormatPart, groups: readonly (string | undefined)[]): string {
  if (part.kind === 'text') return part.value;
  const value = groups[part.group] ?? '';
  if (part.shorthand) return applyShorthand(part.shorthand, value);
  if (value !== '' && part.ifValue !== undefined) return part.ifValue;
  if (value === '' && part.elseValue !== undefined) return part.elseValue;
  return value;
}

/** VS Code's `Transform.resolve`: replace the matches; with no match, the else branches still apply. */
export function applyTransform(transform: Transform, value: string): string {
  let matched = false;
  const result = value.replace(transform.regex, (...args: unknown[]) => {
    matched = true;
    const groups = args.slice(0, -2).map((g) => (typeof g === 'string' ? g : undefined));
    // With named groups, the last argument is the groups object and the offset moves one left.
    const plain = typeof args[args.length - 1] === 'object' ? groups.slice(0, -1) : groups;
    return transform.format.map((part) => resolvePart(part, plain)).join('');
  });
  if (!matched && transform.format.some((p) => p.kind === 'group' && p.elseValue)) {
    return transform.format.map((part) => resolvePart(part, [])).join('');
  }
  return result;
}

type ValueSource = { readonly kind: 'children'; readonly children: readonly SnippetNode[] } | { readonly kind: 'choice'; readonly options: readonly string[] };

/** For each index, the first placeholder (pre-order, as VS Code walks) that has a value. */
function tabStopValues(nodes: readonly SnippetNode[], values = new Map<number, ValueSource>()): Map<number, ValueSource> {
  for (const node of nodes) {
    if (node.kind === 'placeholder') {
      if (!values.has(node.index) && node.children.length > 0) values.set(node.index, { kind: 'children', children: node.children });
      tabStopValues(node.children, values);
    } else if (node.kind === 'choice' && !values.has(node.index)) {
      values.set(node.index, { kind: 'choice', options: node.options });
    } else if (node.kind === 'variable' && node.children) {
      tabStopValues(node.children, values);
    }
  }
  return values;
}

/** Every tab-stop index used in a snippet, and whether some occurrence gives it a value. */
export function tabStops(nodes: readonly SnippetNode[]): Map<number, boolean> {
  const values = tabStopValues(nodes);
  const found = new Map<number, boolean>();
  const visit = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' || node.kind === 'placeholder' || node.kind === 'choice') found.set(node.index, values.has(node.index));
      if (node.kind === 'placeholder') visit(node.children);
      if (node.kind === 'variable' && node.children) visit(node.children);
    }
  };
  visit(nodes);
  return found;
}

/** The text a snippet inserts, with every placeholder left at its default. */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  const values = tabStopValues(nodes);
  const applyTransforms = options.transforms ?? true;

  const valueOf = (index: number, resolving: ReadonlySet<number>): string => {
    const source = values.get(index);
    if (index === 0 || !source || resolving.has(index)) return '';
    if (source.kind === 'choice') return source.options[0] ?? '';
    return render(source.children, new Set([...resolving, index]));
  };

  const render = (list: readonly SnippetNode[], resolving: ReadonlySet<number>): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'placeholder':
          case 'choice':
            return valueOf(node.index, resolving);
          case 'tabstop': {
            const value = valueOf(node.index, resolving);
            return node.transform && applyTransforms ? applyTransform(node.transform, value) : value;
          }
          case 'variable': {
            const known = options.variables?.[node.name];
            if (known === undefined && !node.children) throw new Error(`unknown snippet variable "${node.name}" (an unescaped "$" in the code?)`);
            const value = known !== undefined && known !== '' ? known : render(node.children ?? [], resolving);
            return node.transform ? applyTransform(node.transform, value) : value;
          }
        }
      })
      .join('');

  return render(nodes, new Set());
}
