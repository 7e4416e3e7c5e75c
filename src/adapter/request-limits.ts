// The largest sizes and counts a request may ask for, so that no single request can hold the
// adapter for long or exhaust its memory. Counts above a limit are refused with a message naming
// the argument and the limit (or, where the protocol lets the answer be shorter, clamped).
import { MAX_DISASSEMBLY_OFFSET, MAX_DISASSEMBLY_ROWS, MAX_VARIABLE_ROWS } from '../runtime/inspect';
import { RequestError } from './request-errors';

/** The documented limits (README: "What a guest and a request can cost"). */
export const REQUEST_LIMITS = {
  /** disassemble: instructions per request */
  disassembleInstructions: MAX_DISASSEMBLY_ROWS,
  /** disassemble: how far (in instructions) from the reference the listing may start */
  disassembleOffset: MAX_DISASSEMBLY_OFFSET,
  /** readMemory: bytes per answer (a larger count gets a shorter answer, as DAP allows) */
  readMemoryBytes: 4 * 1024 * 1024,
  /** writeMemory: bytes per request */
  writeMemoryBytes: 1024 * 1024,
  /** variables: children per answer (a larger or missing count gets the first ones) */
  variables: MAX_VARIABLE_ROWS,
} as const;

/**
 * `value` when it is an integer within [-max, max] (within [0, max] when `signed` is false);
 * throws a RequestError naming `command`, `argument` and the limit otherwise.
 */
export function checkedCount(command: string, argument: string, value: number, max: number, signed = false): number {
  const min = signed ? -max : 0;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = signed ? `between ${min} and ${max}` : `between 0 and ${max}`;
    throw new RequestError(`${command}: ${argument} must be an integer ${range} (got ${String(value)})`);
  }
  return value;
}
