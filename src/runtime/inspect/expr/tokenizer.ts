// Splits a C expression into tokens: identifiers, registers (`$rax`), numbers with their C type,
// character and string literals, and punctuators (longest match first).

/** One token; `pos` is the offset of its first character. */
export type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'register'; text: string; pos: number }
  | { kind: 'int'; value: bigint; typeName: IntLiteralType; text: string; pos: number }
  | { kind: 'float'; value: number; text: string; pos: number }
  | { kind: 'char'; value: bigint; text: string; pos: number }
  | { kind: 'string'; value: string; text: string; pos: number }
  | { kind: 'punct'; text: string; pos: number }
  | { kind: 'end'; text: ''; pos: number };

/** The C type of an integer literal. */
export type IntLiteralType = 'int' | 'unsigned int' | 'long' | 'unsigned long';

/** A syntax error with the position it was found at. */
export class SyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const PUNCTUATORS = [
  '<<=', '>>=', '...',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', ',', '.', '(', ')', '[', ']', '{', '}',
];

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

/** Tokenizes `text`; the last token is `end`. Throws SyntaxError for a malformed literal or character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /\w/.test(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start });
    } else if (c === '$') {
      i++;
      while (i < text.length && /\w/.test(text[i])) i++;
      if (i === start + 1) throw new SyntaxError("expected a register name after '$'", start);
      tokens.push({ kind: 'register', text: text.slice(start + 1, i), pos: start });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i = number(text, i, tokens);
    } else if (c === "'") {
      const [value, end] = charLiteral(text, i);
      tokens.push({ kind: 'char', value, text: text.slice(start, end), pos: start });
      i = end;
    } else if (c === '"') {
      const [value, end] = stringLiteral(text, i);
      tokens.push({ kind: 'string', value, text: text.slice(start, end), pos: start });
      i = end;
    } else {
      const p = PUNCTUATORS.find((q) => text.startsWith(q, i));
      if (!p) throw new SyntaxError(`unexpected character '${c}'`, i);
      tokens.push({ kind: 'punct', text: p, pos: start });
      i += p.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

function number(text: string, start: number, tokens: Token[]): number {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+\.(?:[0-9]*(?:[eE][-+]?[0-9]+)?)?|[0-9]+[eE][-+]?[0-9]+|[0-9]+)([uUlL]*|[fF])/.exec(text.slice(start));
  if (!m) throw new SyntaxError('malformed number', start);
  const end = start + m[0].length;
  if (end < text.length && /[\w.]/.test(text[end])) throw new SyntaxError(`malformed number '${text.slice(start, end + 1)}'`, start);
  const [whole, digits, suffix] = m;
  const isFloat = /^[0-9]*\./.test(digits) || (/[eE]/.test(digits) && !/^0[xX]/.test(digits)) || /^[fF]$/.test(suffix);
  if (isFloat) {
    tokens.push({ kind: 'float', value: Number(digits), text: whole, pos: start });
    return end;
  }
  const s = suffix.toLowerCase();
  if (!/^(u?l{0,2}|l{1,2}u)$/.test(s)) throw new SyntaxError(`bad integer suffix '${suffix}'`, start);
  let value: bigint;
  if (/^0[bB]/.test(digits)) value = BigInt(digits);
  else if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') {
    if (/[89]/.test(digits)) throw new SyntaxError(`invalid octal number '${digits}'`, start);
    value = BigInt(`0o${digits.slice(1)}`);
  } else value = BigInt(digits);
  if (value >= 1n << 64n) throw new SyntaxError(`number too large: ${digits}`, start);
  tokens.push({ kind: 'int', value, typeName: literalType(value, digits[0] !== '0' || digits === '0', s.includes('u'), s.includes('l')), text: whole, pos: start });
  return end;
}

/** C's type for an integer literal: the first of int, unsigned int (not decimal), long, unsigned long that holds it. */
function literalType(value: bigint, decimal: boolean, unsigned: boolean, long: boolean): IntLiteralType {
  const candidates: IntLiteralType[] = [];
  if (!long) {
    if (!unsigned) candidates.push('int');
    if (unsigned || !decimal) candidates.push('unsigned int');
  }
  if (!unsigned) candidates.push('long');
  candidates.push('unsigned long');
  const max: Record<IntLiteralType, bigint> = { int: (1n << 31n) - 1n, 'unsigned int': (1n << 32n) - 1n, long: (1n << 63n) - 1n, 'unsigned long': (1n << 64n) - 1n };
  return candidates.find((t) => value <= max[t]) ?? 'unsigned long';
}

/** Reads one (possibly escaped) character at `i`; returns its code and the index after it. */
function escapedChar(text: string, i: number): [number, number] {
  if (text[i] !== '\\') return [text.charCodeAt(i), i + 1];
  const e = text[i + 1];
  if (e === undefined) throw new SyntaxError('unterminated escape', i);
  if (e in ESCAPES) return [ESCAPES[e], i + 2];
  if (e === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2));
    if (!m) throw new SyntaxError('bad \\x escape', i);
    return [parseInt(m[0], 16), i + 2 + m[0].length];
  }
  const m = /^[0-7]{1,3}/.exec(text.slice(i + 1));
  if (m) return [parseInt(m[0], 8) & 0xff, i + 1 + m[0].length];
  throw new SyntaxError(`unknown escape '\\${e}'`, i);
}

function charLiteral(text: string, start: number): [bigint, number] {
  if (text[start + 1] === "'" || start + 1 >= text.length) throw new SyntaxError('empty character literal', start);
  const [code, after] = escapedChar(text, start + 1);
  if (text[after] !== "'") throw new SyntaxError('unterminated character literal', start);
  return [BigInt(code > 127 && code < 256 ? code - 256 : code), after + 1];
}

function stringLiteral(text: string, start: number): [string, number] {
  let i = start + 1;
  let out = '';
  while (i < text.length && text[i] !== '"') {
    const [code, after] = escapedChar(text, i);
    out += String.fromCharCode(code);
    i = after;
  }
  if (i >= text.length) throw new SyntaxError('unterminated string literal', start);
  return [out, i + 1];
}
