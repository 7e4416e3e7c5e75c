// Turns a DWARF variable located in a frame into a value: in memory, in a register, a constant,
// or assembled from pieces; optimised-out variables become values that show why.
import { sizeOfType, type DebugInfo, type FrameState, type LocationResult, type Variable } from '../../debuginfo';
import { bigintToBytes, errorValue, type Value } from './value';

/** The value of `variable` in the frame `state`. Never throws. */
export function variableValue(debugInfo: DebugInfo, variable: Variable, state: FrameState): Value {
  return fromLocation(debugInfo.locateVariable(variable, state), variable.type, state);
}

function fromLocation(loc: LocationResult, type: Value['type'], state: FrameState): Value {
  const size = sizeOfType(type) ?? 8;
  switch (loc.kind) {
    case 'memory': return { type, place: { kind: 'memory', address: loc.addr } };
    case 'register':
      if (loc.name === undefined) return errorValue(type, `in register ${loc.reg}, which the debugger does not show`);
      return { type, place: { kind: 'register', name: loc.name, offset: 0 } };
    case 'value': return { type, place: { kind: 'none' }, bytes: bigintToBytes(loc.value, size) };
    case 'bytes': return { type, place: { kind: 'none' }, bytes: padded(loc.bytes, size) };
    case 'pieces': {
      const out = new Uint8Array(size);
      let at = 0;
      for (const piece of loc.pieces) {
        const bytes = pieceBytes(piece.location, piece.sizeBytes, state);
        if (!bytes) return errorValue(type, 'partly optimized out');
        out.set(bytes.subarray(0, Math.min(piece.sizeBytes, size - at)), at);
        at += piece.sizeBytes;
        if (at >= size) break;
      }
      return { type, place: { kind: 'none' }, bytes: out };
    }
    case 'error': return errorValue(type, loc.message);
  }
}

function padded(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length >= size) return bytes.subarray(0, size);
  const out = new Uint8Array(size);
  out.set(bytes);
  return out;
}

function pieceBytes(loc: LocationResult, size: number, state: FrameState): Uint8Array | undefined {
  switch (loc.kind) {
    case 'memory': return state.readMemory(loc.addr, size);
    case 'register': {
      const v = loc.name === undefined ? undefined : state.registers[loc.name];
      return v === undefined ? undefined : bigintToBytes(v, size);
    }
    case 'value': return bigintToBytes(loc.value, size);
    case 'bytes': return padded(loc.bytes, size);
    default: return undefined;
  }
}
