// Disassembles a run of code bytes into rows (address, bytes, text), the listing the debugger's
// disassemble request shows. Bytes that decode to no supported instruction become objdump's
// `(bad)` row of one byte, never an exception.
import { InvalidOpcode } from '../cpu/faults';
import { decode } from '../decoder/decoder';
import { PageFault } from '../memory/contract';
import { CodeBufferBus } from './code-buffer-bus';
import { disassemble, type DisasmOptions } from './disassemble';

/** One listing row. */
export interface DisasmRow {
  readonly address: number;
  /** the instruction's bytes (one byte for a `(bad)` row) */
  readonly bytes: number[];
  /** the instruction text, as `disassemble` prints it, or `(bad)` */
  readonly text: string;
  /** true for a `(bad)` row: undecodable, unsupported or cut off by the end of the bytes */
  readonly bad: boolean;
}

/** Where to stop: after `count` rows, or at the first row starting at or past `end`, or at the end of the bytes. */
export interface RangeLimit {
  readonly count?: number;
  readonly end?: number;
}

/**
 * Disassembles `bytes`, which sit at linear address `start`, from `start` on until `limit` or the
 * end of the bytes. An instruction that would run past the last byte is a `(bad)` row. Throws only
 * on an internal error (a decoder or formatter bug), never for the bytes themselves.
 */
export function disassembleRange(bytes: ArrayLike<number>, start: number, options: DisasmOptions = {}, limit: RangeLimit = {}): DisasmRow[] {
  const bus = new CodeBufferBus(bytes, start);
  const end = Math.min(bus.end, limit.end ?? Infinity);
  const count = limit.count ?? Infinity;
  const rows: DisasmRow[] = [];
  for (let address = start; address < end && rows.length < count; ) {
    const row = disassembleAt(bus, address, options);
    rows.push(row);
    address += row.bytes.length;
  }
  return rows;
}

/**
 * Decodes and prints the one instruction at `address` of `bus`, or returns a one-byte `(bad)` row
 * when the bytes there are no supported instruction or end before it does.
 */
export function disassembleAt(bus: CodeBufferBus, address: number, options: DisasmOptions): DisasmRow {
  try {
    const insn = decode(bus, address);
    if (address + insn.len <= bus.end) {
      const bytes = bytesAt(bus, address, insn.len);
      return { address, bytes, text: disassemble(insn, bytes, options).text, bad: false };
    }
  } catch (e) {
    if (!(e instanceof InvalidOpcode || e instanceof PageFault)) throw e;
  }
  return { address, bytes: bytesAt(bus, address, 1), text: '(bad)', bad: true };
}

function bytesAt(bus: CodeBufferBus, address: number, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(bus.byteAt(address + i));
  return out;
}
