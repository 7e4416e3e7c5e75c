// The syntax tree of a C expression, as the parser builds it and the evaluator walks it.
import type { TypeSpec } from '../type-index';
import type { IntLiteralType } from './tokenizer';

/** Binary operators (besides `&&`, `||`, assignments and the comma). */
export type BinaryOp = '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&' | '^' | '|';
/** Prefix operators. */
export type UnaryOp = '-' | '+' | '~' | '!' | '*' | '&';
/** Simple and compound assignment operators. */
export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '<<=' | '>>=' | '&=' | '^=' | '|=';

/** One node of an expression. `pos` is the offset of its first character in the source text. */
export type Expr =
  | { k: 'int'; value: bigint; type: IntLiteralType; pos: number }
  | { k: 'float'; value: number; pos: number }
  | { k: 'char'; value: bigint; pos: number }
  | { k: 'string'; value: string; pos: number }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'register'; name: string; pos: number }
  | { k: 'unary'; op: UnaryOp; operand: Expr; pos: number }
  | { k: 'cast'; type: TypeSpec; operand: Expr; pos: number }
  | { k: 'sizeofType'; type: TypeSpec; pos: number }
  | { k: 'sizeofExpr'; operand: Expr; pos: number }
  | { k: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { k: 'logical'; op: '&&' | '||'; left: Expr; right: Expr; pos: number }
  | { k: 'conditional'; test: Expr; then: Expr; otherwise: Expr; pos: number }
  | { k: 'assign'; op: AssignOp; target: Expr; value: Expr; pos: number }
  | { k: 'comma'; left: Expr; right: Expr; pos: number }
  | { k: 'member'; object: Expr; name: string; arrow: boolean; pos: number }
  | { k: 'index'; object: Expr; index: Expr; pos: number };
