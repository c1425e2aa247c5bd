// What the SQL reader tells apart.

export interface Token {
  readonly kind: 'word' | 'op' | 'open' | 'close' | 'comma' | 'value' | 'name' | 'other';
  readonly text: string;
  /** A `)` that closed a VALUES row. */
  readonly row?: boolean;
}

/** Where SQL takes a value right after: comparisons, arithmetic, LIKE, LIMIT/OFFSET. */
export const VALUE_OPERATORS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '/', '%', '||']);
export const VALUE_KEYWORDS = new Set(['LIKE', 'ILIKE', 'LIMIT', 'OFFSET']);
/** `INTERVAL '1 day'`: the string is part of the literal's syntax, not a value. */
export const TYPED_LITERALS = new Set(['INTERVAL', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIMETZ']);
export const WORD_CHAR = /^[\w$]$/;
export const DIGIT = /^[0-9]$/;
export const OPERATOR_CHAR = /^[=<>!|+\-*/%~&^@#:.]$/;
/** A spliced value touching these is part of a name (`users_${x}`, `t.${col}`, `"${c}"`). */
export const GLUED_BEFORE = /^[\w$.:"`'\]]$/;
export const GLUED_AFTER = /^[\w$."`'([]$/;
