// Parsing an expression in an environment (typedef names known), and turning values into
// addresses: for memory requests, and for data breakpoints (address, size, description).
import { formatTypeName, stripTypedefs } from '../../debuginfo';
import { UserFacingError } from '../contract';
import type { DataLocation } from '../inspector-host';
import { sizeOf } from './c-types';
import type { Expr } from './expr/ast';
import type { EvalEnv } from './expr/evaluator';
import { decay, integerOf } from './expr/operators';
import { parseExpression } from './expr/parser';
import { SyntaxError } from './expr/tokenizer';
import { hex } from './format-text';
import type { Value } from './value';

/** Parses `text` knowing the typedef names of `env` (a variable of the same name wins). UserFacingError when malformed. */
export function parseIn(text: string, env: EvalEnv): Expr {
  try {
    return parseExpression(text, { isTypedefName: (name) => env.types.isTypedefName(name) && env.lookup(name) === undefined });
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserFacingError(`syntax error: ${error.message} (at column ${error.pos + 1})`);
    throw error;
  }
}

/** The address a value denotes: an integer or pointer's value, an array's or function's location. */
export function addressOfValue(value: Value, env: EvalEnv): number {
  const t = stripTypedefs(value.type);
  if (t.kind === 'struct' || t.kind === 'union') {
    if (value.place.kind === 'memory') return Number(value.place.address);
    throw new UserFacingError('not an address');
  }
  const n = BigInt.asUintN(64, integerOf(decay(value), env));
  if (n >= 1n << 48n) throw new UserFacingError(`${hex(n)} is not a user address`);
  return Number(n);
}

/** Where a data breakpoint on `value` (called `name`) goes. Throws UserFacingError without an address. */
export function locationOfValue(value: Value, name: string, pid: number): DataLocation {
  if (value.error !== undefined) throw new UserFacingError(`'${name}' has no address: ${value.error}`);
  if (value.place.kind === 'register') throw new UserFacingError(`'${name}' is in a register; a data breakpoint needs an object in memory`);
  if (value.place.kind !== 'memory') throw new UserFacingError(`'${name}' is not an object in memory`);
  const size = value.bitField ? Math.ceil((value.bitField.bitOffset + value.bitField.bitSize) / 8) : sizeOf(value.type);
  if (size === undefined || size === 0) throw new UserFacingError(`'${name}' has no size`);
  const address = Number(value.place.address);
  const type = formatTypeName(value.type);
  return { pid, address, size, description: `${name} (${type}, ${size} byte${size === 1 ? '' : 's'} at ${hex(address)})` };
}
