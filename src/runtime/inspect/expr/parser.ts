// Recursive-descent parser of C expressions (C's precedence and associativity), including casts
// to named types, sizeof, member access, indexing, assignment and the conditional operator.
import { TYPE_KEYWORDS, type TypeSpec } from '../type-index';
import type { AssignOp, BinaryOp, Expr, UnaryOp } from './ast';
import { SyntaxError, tokenize, type Token } from './tokenizer';

/** What the parser needs to know about names. */
export interface ParseOptions {
  /**
   * True when `name` is a typedef name (and no variable hides it). Without it, `(name)` is a cast
   * only when the form can be nothing else: `(name *)`, or `(name)` followed by an operand.
   */
  isTypedefName?: (name: string) => boolean;
}

const BINARY_LEVELS: BinaryOp[][] = [
  ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);
const UNARY_OPS = new Set(['-', '+', '~', '!', '*', '&']);

/** Parses `text` as one C expression. Throws SyntaxError (with the position) when it is not one. */
export function parseExpression(text: string, options: ParseOptions = {}): Expr {
  const parser = new Parser(tokenize(text), options);
  if (parser.peek().kind === 'end') throw new SyntaxError('empty expression', 0);
  const e = parser.expression();
  const rest = parser.peek();
  if (rest.kind !== 'end') throw new SyntaxError(`unexpected '${rest.text}'`, rest.pos);
  return e;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[], private readonly options: ParseOptions) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }

  private expect(text: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== text) throw new SyntaxError(t.kind === 'end' ? `expected '${text}' at the end` : `expected '${text}' before '${t.text}'`, t.pos);
  }

  expression(): Expr {
    let e = this.assignment();
    while (this.isPunct(',')) {
      const pos = this.next().pos;
      e = { k: 'comma', left: e, right: this.assignment(), pos };
    }
    return e;
  }

  private assignment(): Expr {
    const target = this.conditional();
    const t = this.peek();
    if (t.kind === 'punct' && ASSIGN_OPS.has(t.text)) {
      this.next();
      return { k: 'assign', op: t.text as AssignOp, target, value: this.assignment(), pos: target.pos };
    }
    return target;
  }

  private conditional(): Expr {
    const test = this.logical('||');
    if (!this.isPunct('?')) return test;
    this.next();
    const then = this.expression();
    this.expect(':');
    return { k: 'conditional', test, then, otherwise: this.conditional(), pos: test.pos };
  }

  private logical(op: '||' | '&&'): Expr {
    let left = op === '||' ? this.logical('&&') : this.binary(0);
    while (this.isPunct(op)) {
      this.next();
      const right = op === '||' ? this.logical('&&') : this.binary(0);
      left = { k: 'logical', op, left, right, pos: left.pos };
    }
    return left;
  }

  private binary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.cast();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || !(BINARY_LEVELS[level] as string[]).includes(t.text)) return left;
      this.next();
      left = { k: 'binary', op: t.text as BinaryOp, left, right: this.binary(level + 1), pos: left.pos };
    }
  }

  private cast(): Expr {
    if (this.isPunct('(') && this.startsTypeName(1)) {
      const pos = this.next().pos;
      const type = this.typeName();
      this.expect(')');
      if (this.isPunct('{')) throw new SyntaxError('compound literals are not supported', this.peek().pos);
      return { k: 'cast', type, operand: this.cast(), pos };
    }
    return this.unary();
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && UNARY_OPS.has(t.text)) {
      this.next();
      return { k: 'unary', op: t.text as UnaryOp, operand: this.cast(), pos: t.pos };
    }
    if (t.kind === 'punct' && (t.text === '++' || t.text === '--')) throw new SyntaxError(`'${t.text}' is not supported; use an assignment`, t.pos);
    if (t.kind === 'ident' && t.text === 'sizeof') {
      this.next();
      if (this.isPunct('(') && this.startsTypeName(1)) {
        this.next();
        const type = this.typeName();
        this.expect(')');
        return { k: 'sizeofType', type, pos: t.pos };
      }
      return { k: 'sizeofExpr', operand: this.unary(), pos: t.pos };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct') return e;
      if (t.text === '[') {
        this.next();
        const index = this.expression();
        this.expect(']');
        e = { k: 'index', object: e, index, pos: e.pos };
      } else if (t.text === '.' || t.text === '->') {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') throw new SyntaxError(`expected a member name after '${t.text}'`, name.pos);
        e = { k: 'member', object: e, name: name.text, arrow: t.text === '->', pos: e.pos };
      } else if (t.text === '(') {
        throw new SyntaxError('function calls are not supported', t.pos);
      } else if (t.text === '++' || t.text === '--') {
        throw new SyntaxError(`'${t.text}' is not supported; use an assignment`, t.pos);
      } else {
        return e;
      }
    }
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'int': return { k: 'int', value: t.value, type: t.typeName, pos: t.pos };
      case 'float': return { k: 'float', value: t.value, pos: t.pos };
      case 'char': return { k: 'char', value: t.value, pos: t.pos };
      case 'string': {
        let value = t.value;
        for (let s = this.peek(); s.kind === 'string'; s = this.peek()) {
          value += s.value;
          this.next();
        }
        return { k: 'string', value, pos: t.pos };
      }
      case 'register': return { k: 'register', name: t.text, pos: t.pos };
      case 'ident':
        if (TYPE_KEYWORDS.has(t.text)) throw new SyntaxError(`unexpected type name '${t.text}'`, t.pos);
        return { k: 'ident', name: t.text, pos: t.pos };
      case 'punct':
        if (t.text === '(') {
          const e = this.expression();
          this.expect(')');
          return e;
        }
        throw new SyntaxError(`unexpected '${t.text}'`, t.pos);
      default:
        throw new SyntaxError('incomplete expression', t.pos);
    }
  }

  /** True when the token at `offset` starts a type name (after an opening parenthesis). */
  private startsTypeName(offset: number): boolean {
    const t = this.peek(offset);
    if (t.kind !== 'ident') return false;
    if (TYPE_KEYWORDS.has(t.text)) return true;
    if (this.options.isTypedefName) return this.options.isTypedefName(t.text);
    let j = offset + 1;
    while (this.isPunct('*', j)) j++;
    if (!this.isPunct(')', j)) return false;
    if (j > offset + 1) return true;
    const after = this.peek(j + 1);
    return after.kind === 'ident' || after.kind === 'int' || after.kind === 'char' || after.kind === 'float' || after.kind === 'register' || (after.kind === 'punct' && after.text === '(');
  }

  private typeName(): TypeSpec {
    const words: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'ident') break;
      if (t.text === 'struct' || t.text === 'union' || t.text === 'enum') {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') throw new SyntaxError(`expected a name after '${t.text}'`, name.pos);
        words.push(t.text, name.text);
      } else if (TYPE_KEYWORDS.has(t.text)) {
        this.next();
        words.push(t.text);
      } else if (!words.some((w) => w !== 'const' && w !== 'volatile')) {
        this.next();
        words.push(t.text);
      } else {
        break;
      }
    }
    let pointers = 0;
    for (;;) {
      if (this.isPunct('*')) {
        this.next();
        pointers++;
      } else if (this.peek().kind === 'ident' && (this.peek().text === 'const' || this.peek().text === 'volatile')) {
        this.next();
      } else {
        break;
      }
    }
    if (this.isPunct('[') || this.isPunct('(')) throw new SyntaxError('array and function types are not supported in casts', this.peek().pos);
    return { words, pointers };
  }
}
