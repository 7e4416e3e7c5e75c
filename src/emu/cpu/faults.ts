// CPU exceptions raised by the executor (memory faults come from the memory bus as PageFault).
// Handlers throw; the machine's run loop catches, leaves rip on the faulting instruction and
// reports a `fault` stop reason. Because every handler translates all its addresses and checks
// every fault condition before it changes anything, a fault leaves no trace.
import { GuestException } from '../guest-exception';

/** Exception vectors this machine raises. */
export const enum Vector {
  DE = 0, // divide error
  UD = 6, // invalid opcode
  GP = 13, // general protection (non-canonical address)
  PF = 14, // page fault
}

/** A CPU exception other than a page fault (a guest event: no host stack trace). */
export class CpuFault extends GuestException {
  constructor(
    readonly vector: number,
    /** error code pushed by the exception, when the vector has one (#GP: 0) */
    readonly errorCode: number | undefined,
    /** for #GP: the offending (non-canonical) address, when known, as a bigint-free hex string */
    readonly detail = '',
  ) {
    super(`cpu exception ${vector}${detail ? `: ${detail}` : ''}`);
  }
}

/** Throws #GP(0) for a non-canonical address. */
export function generalProtection(detail: string): never {
  throw new CpuFault(Vector.GP, 0, detail);
}

/** Throws #DE (division by zero or quotient overflow). */
export function divideError(): never {
  throw new CpuFault(Vector.DE, undefined, 'divide error');
}

/** Thrown by the decoder for bytes that are no supported instruction. */
export class InvalidOpcode extends CpuFault {
  constructor(
    /** the bytes looked at, up to the point of failure */
    readonly bytes: number[],
  ) {
    super(Vector.UD, undefined, `invalid opcode ${bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
}
