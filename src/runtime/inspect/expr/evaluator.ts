// Evaluates a parsed C expression over the inspected program: identifiers from the frame's scope,
// registers, member access, indexing, dereference, address-of, casts, sizeof and assignment.
import { formatTypeName, sizeOfType, stripTypedefs, type DwarfType } from '../../../debuginfo';
import { UserFacingError } from '../../contract';
import { arrayOf, BUILTIN, isInteger, pointerTo } from '../c-types';
import type { TypeIndex, TypeSpec } from '../type-index';
import { derefValue, elementValue, findMember, memberValue } from '../value-parts';
import { floatValue, intValue, isLvalue, loadBytes, storeBytes, type Storage, type Value } from '../value';
import type { Expr } from './ast';
import { binaryOp, castValue, convertForAssignment, decay, integerOf, truthy, unaryOp } from './operators';
import { registerAlias } from './registers';

/** What an expression is evaluated against. */
export interface EvalEnv extends Storage {
  readonly types: TypeIndex;
  /** A local, parameter, global or function called `name`, or undefined. */
  lookup(name: string): Value | undefined;
  /** Assignments are rejected unless set (hover and watch must not change the program). */
  readonly allowWrites?: boolean;
}

function fail(message: string): never {
  throw new UserFacingError(message);
}

const LITERAL_TYPES: Record<string, DwarfType> = { int: BUILTIN.int, 'unsigned int': BUILTIN.unsignedInt, long: BUILTIN.long, 'unsigned long': BUILTIN.unsignedLong };

/** Resolves a type spelled in an expression; UserFacingError when it names nothing. */
export function resolveType(spec: TypeSpec, types: TypeIndex): DwarfType {
  try {
    return types.resolve(spec);
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
}

/** The value of `e` in `env`. Throws UserFacingError with a message for the user. */
export function evaluateExpr(e: Expr, env: EvalEnv): Value {
  switch (e.k) {
    case 'int': return intValue(LITERAL_TYPES[e.type], e.value);
    case 'float': return floatValue(BUILTIN.double, e.value);
    case 'char': return intValue(BUILTIN.char, e.value);
    case 'string': {
      const bytes = new Uint8Array(e.value.length + 1);
      for (let i = 0; i < e.value.length; i++) bytes[i] = e.value.charCodeAt(i) & 0xff;
      return { type: arrayOf(BUILTIN.char, bytes.length), place: { kind: 'none' }, bytes, text: e.value };
    }
    case 'ident': return identifier(e.name, env);
    case 'register': return register(e.name, env);
    case 'unary': return unary(e, env);
    case 'cast': return castValue(evaluateExpr(e.operand, env), resolveType(e.type, env.types), env);
    case 'sizeofType': {
      const type = resolveType(e.type, env.types);
      return sizeofType(type, formatTypeName(type));
    }
    case 'sizeofExpr': {
      const v = evaluateExpr(e.operand, { ...env, lookup: env.lookup.bind(env), allowWrites: false });
      return sizeofType(v.type, formatTypeName(v.type));
    }
    case 'binary': return binaryOp(e.op, evaluateExpr(e.left, env), evaluateExpr(e.right, env), env);
    case 'logical': {
      const left = truthy(evaluateExpr(e.left, env), env);
      if (e.op === '&&' ? !left : left) return intValue(BUILTIN.int, e.op === '||' ? 1n : 0n);
      return intValue(BUILTIN.int, truthy(evaluateExpr(e.right, env), env) ? 1n : 0n);
    }
    case 'conditional': return conditional(e, env);
    case 'assign': return assign(e, env);
    case 'comma':
      evaluateExpr(e.left, env);
      return evaluateExpr(e.right, env);
    case 'member': return member(e, env);
    case 'index': return index(e, env);
  }
}

function identifier(name: string, env: EvalEnv): Value {
  const found = env.lookup(name);
  if (found) return found;
  const constant = env.types.enumConstant(name);
  if (constant) return intValue(constant.type, constant.value);
  if (name === 'NULL') return intValue(pointerTo(BUILTIN.void), 0n);
  if (name === 'true' || name === 'false') return intValue(BUILTIN.int, name === 'true' ? 1n : 0n);
  fail(`no symbol '${name}' in the current scope`);
}

function register(name: string, env: EvalEnv): Value {
  const alias = registerAlias(name);
  if (!alias) fail(`no register named '$${name}'`);
  if (!env.registers) fail('registers are not available here (no frame is selected)');
  if (env.registers.get(alias.reg) === undefined) fail(`register $${alias.reg} is not saved in this frame`);
  return { type: alias.type, place: { kind: 'register', name: alias.reg, offset: alias.offset } };
}

function unary(e: Expr & { k: 'unary' }, env: EvalEnv): Value {
  const v = evaluateExpr(e.operand, env);
  if (e.op === '*') {
    const t = stripTypedefs(v.type);
    if (t.kind === 'function') return v;
    const d = decay(v);
    const target = stripTypedefs(d.type);
    if (target.kind === 'pointer' && stripTypedefs(target.target).kind === 'function') {
      return { type: target.target, place: { kind: 'memory', address: BigInt.asUintN(64, integerOf(d, env)) } };
    }
    return derefValue(d, env, env.types);
  }
  if (e.op === '&') {
    if (v.bitField) fail('cannot take the address of a bit field');
    if (v.place.kind === 'memory') return intValue(pointerTo(v.type), v.place.address);
    if (v.place.kind === 'register') fail('cannot take the address of a value in a register');
    fail('cannot take the address of a value that is not in memory');
  }
  return unaryOp(e.op, v, env);
}

function sizeofType(type: DwarfType, name: string): Value {
  const size = stripTypedefs(type).kind === 'void' ? 1 : sizeOfType(type);
  if (size === undefined) fail(`sizeof applied to incomplete type '${name}'`);
  return intValue(BUILTIN.unsignedLong, BigInt(size));
}

function conditional(e: Expr & { k: 'conditional' }, env: EvalEnv): Value {
  const chosen = evaluateExpr(truthy(evaluateExpr(e.test, env), env) ? e.then : e.otherwise, env);
  return decay(chosen);
}

function assign(e: Expr & { k: 'assign' }, env: EvalEnv): Value {
  if (!env.allowWrites) fail('assignments are not allowed here (use the Debug Console)');
  const target = evaluateExpr(e.target, env);
  if (!isLvalue(target)) fail('not an lvalue');
  if (stripTypedefs(target.type).kind === 'array') fail('cannot assign to an array');
  let value = evaluateExpr(e.value, env);
  if (e.op !== '=') value = binaryOp(e.op.slice(0, -1) as Parameters<typeof binaryOp>[0], { ...target, bytes: undefined }, value, env);
  const converted = convertForAssignment(value, target.type, env);
  storeBytes(target, loadBytes(converted, env), env);
  return { type: target.type, place: target.place, bitField: target.bitField };
}

function member(e: Expr & { k: 'member' }, env: EvalEnv): Value {
  let object = evaluateExpr(e.object, env);
  const kind = stripTypedefs(object.type).kind;
  if (e.arrow || kind === 'pointer') {
    if (kind !== 'pointer' && kind !== 'array') fail(`'->${e.name}' applied to a non-pointer of type '${formatTypeName(object.type)}'`);
    object = derefValue(decay(object), env, env.types);
  }
  const path = findMember(object.type, e.name, env.types);
  if (!path) {
    const t = env.types.complete(stripTypedefs(object.type));
    if (t.kind !== 'struct' && t.kind !== 'union') fail(`request for member '${e.name}' in something not a struct or union`);
    if (t.declaration) fail(`'${formatTypeName(t)}' is incomplete (not defined in this program)`);
    fail(`there is no member named '${e.name}' in '${formatTypeName(object.type)}'`);
  }
  let v = { ...object, type: env.types.complete(stripTypedefs(object.type)) };
  for (const m of path) v = memberValue(v, m, env);
  return v;
}

function index(e: Expr & { k: 'index' }, env: EvalEnv): Value {
  let base = evaluateExpr(e.object, env);
  let offset = evaluateExpr(e.index, env);
  if (isInteger(base.type) && !isInteger(offset.type)) [base, offset] = [offset, base];
  if (!isInteger(offset.type)) fail('array subscript is not an integer');
  const i = integerOf(offset, env);
  const t = stripTypedefs(base.type);
  if (t.kind === 'array') return elementValue(base, i, env);
  if (t.kind !== 'pointer') fail(`cannot subscript a value of type '${formatTypeName(base.type)}'`);
  return derefValue(binaryOp('+', base, intValue(BUILTIN.long, i), env), env, env.types);
}
