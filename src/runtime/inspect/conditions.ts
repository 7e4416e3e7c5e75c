// Breakpoint conditions and logpoint messages: C expressions compiled once and evaluated at each
// hit, in a frame (its variables and registers) or over the fields of a VM event (`addr`, `pid`,
// `write`, `name`...; strings compare with ==), and `{expr}` interpolation for log messages.
import { UserFacingError, type FrameContext } from '../contract';
import type { CompiledCondition, EventFields, InspectorHost } from '../inspector-host';
import { arrayOf, BUILTIN } from './c-types';
import type { Expr } from './expr/ast';
import { evaluateExpr, type EvalEnv } from './expr/evaluator';
import { truthy } from './expr/operators';
import { parseExpression } from './expr/parser';
import { SyntaxError } from './expr/tokenizer';
import { frameEnv, processEnv } from './frame-env';
import { failureText, formatValue } from './format-value';
import { noMemory } from './memory-port';
import { typeIndexOf, type TypeIndex } from './type-index';
import { intValue, type Value } from './value';

/** A compiled condition: the text, its generic parse, and parses that know a program's typedefs. */
interface Compiled extends CompiledCondition {
  readonly ast: Expr;
  readonly byProgram: WeakMap<TypeIndex, Expr>;
}

/** Parses a condition. Throws an Error saying what is wrong when it does not parse. */
export function compileCondition(text: string): CompiledCondition {
  try {
    const compiled: Compiled = { text, ast: parseExpression(text), byProgram: new WeakMap() };
    return compiled;
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserFacingError(`bad condition '${text}': ${error.message}`);
    throw error;
  }
}

function astFor(compiled: CompiledCondition, types: TypeIndex, env: EvalEnv): Expr {
  const c = compiled as Partial<Compiled>;
  if (!c.ast || !c.byProgram) return parseExpression(compiled.text, { isTypedefName: (n) => types.isTypedefName(n) && env.lookup(n) === undefined });
  let ast = c.byProgram.get(types);
  if (!ast) {
    try {
      ast = parseExpression(compiled.text, { isTypedefName: (n) => types.isTypedefName(n) && env.lookup(n) === undefined });
    } catch {
      ast = c.ast;
    }
    c.byProgram.set(types, ast);
  }
  return ast;
}

function isFrame(env: FrameContext | EventFields): env is FrameContext {
  return typeof (env as FrameContext).readMemory === 'function' && (env as FrameContext).registers instanceof Map;
}

/** The value of an event field as a C value: numbers as long, booleans as int, strings as strings. */
function fieldValue(value: number | boolean | string): Value {
  if (typeof value === 'boolean') return intValue(BUILTIN.int, value ? 1n : 0n);
  if (typeof value === 'number') return intValue(BUILTIN.long, BigInt(Math.trunc(value)));
  const bytes = new Uint8Array(value.length + 1);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i) & 0xff;
  return { type: arrayOf(BUILTIN.char, bytes.length), place: { kind: 'none' }, bytes, text: value };
}

/** The environment of a VM event: its fields, then the globals of the event's process when known. */
function eventEnv(fields: EventFields, host: InspectorHost): EvalEnv {
  const pid = typeof fields.pid === 'number' ? fields.pid : undefined;
  const memory = pid === undefined ? undefined : host.processMemory(pid);
  const base: EvalEnv = memory && pid !== undefined
    ? processEnv(host.debugInfoFor(pid), memory, false)
    : { memory: noMemory('memory cannot be read in this condition'), registers: undefined, types: typeIndexOf(undefined), lookup: () => undefined };
  const names = Object.keys(fields).filter((k) => fields[k] !== undefined);
  return {
    ...base,
    allowWrites: false,
    lookup: (name) => {
      const field = fields[name];
      if (field !== undefined) return fieldValue(field);
      const found = base.lookup(name);
      if (found) return found;
      throw new UserFacingError(`no field '${name}' in this event (it has: ${names.join(', ')})`);
    },
  };
}

/**
 * True when `compiled` is nonzero in `env` (a frame, or the fields of a VM event). Throws an Error
 * with a message when it cannot be evaluated (the runtime decides whether to stop).
 */
export function evaluateCondition(compiled: CompiledCondition, env: FrameContext | EventFields, host: InspectorHost): boolean {
  const evalEnv: EvalEnv = isFrame(env) ? frameEnv(env, false) : eventEnv(env, host);
  const ast = astFor(compiled, evalEnv.types, evalEnv);
  return truthy(evaluateExpr(ast, evalEnv), evalEnv);
}

/**
 * `template` with each `{expression}` replaced by its value in `frame`; `{{` and `}}` stand for
 * braces. An expression that fails shows `<error: message>`. Never throws.
 */
export function formatLogMessage(template: string, frame: FrameContext): string {
  let env: ReturnType<typeof frameEnv> | undefined;
  let out = '';
  for (let i = 0; i < template.length; ) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out += c;
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    if (close < 0) {
      out += template.slice(i);
      break;
    }
    const text = template.slice(i + 1, close);
    env ??= frameEnv(frame, false);
    out += interpolate(text, env);
    i = close + 1;
  }
  return out;
}

function interpolate(text: string, env: ReturnType<typeof frameEnv>): string {
  try {
    const ast = parseExpression(text, { isTypedefName: (n) => env.types.isTypedefName(n) && env.lookup(n) === undefined });
    return formatValue(evaluateExpr(ast, env), env, env.types, { symbolize: (a) => env.symbolize(a) });
  } catch (error) {
    if (error instanceof SyntaxError) return `<error: ${error.message}>`;
    if (error instanceof UserFacingError) return `<error: ${error.message}>`;
    return failureText(error);
  }
}
