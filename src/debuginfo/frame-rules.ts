// Execution of call-frame instructions (DW_CFA_*): the CFA rule and register rules
// in effect at each location of a function.
import { ByteReader, DecodeError } from './byte-reader';
import type { FrameDescription } from './call-frame-entries';

export type CfaRule =
  | { kind: 'register'; reg: number; offset: number }
  | { kind: 'expression'; expr: Uint8Array };

export type RegisterRule =
  | { kind: 'undefined' }
  | { kind: 'sameValue' }
  /** Saved at CFA + offset. */
  | { kind: 'offset'; offset: number }
  /** The value is CFA + offset. */
  | { kind: 'valOffset'; offset: number }
  | { kind: 'register'; reg: number }
  | { kind: 'expression'; expr: Uint8Array }
  | { kind: 'valExpression'; expr: Uint8Array };

/** The rules in effect from `location` up to the next row. */
export interface FrameRow {
  location: number;
  cfa: CfaRule;
  /** Rules by DWARF register number; registers not listed keep their value (callee-saved). */
  registers: Map<number, RegisterRule>;
}

interface State {
  cfa: CfaRule;
  registers: Map<number, RegisterRule>;
}

const MAX_ROWS = 100000;

function copyState(s: State): State {
  return { cfa: { ...s.cfa }, registers: new Map(s.registers) };
}

/**
 * Every row of `fde`'s table, in address order (the first row starts at fde.low).
 * Throws DecodeError on malformed instructions.
 */
export function frameRows(fde: FrameDescription): FrameRow[] {
  const rows: FrameRow[] = [];
  const initial: State = { cfa: { kind: 'register', reg: 7, offset: 8 }, registers: new Map() };
  runInstructions(fde.cie.initialInstructions, fde, initial, initial, { loc: fde.low }, () => {});
  const state = copyState(initial);
  const cursor = { loc: fde.low };
  let rowStart = fde.low;
  const emit = (): void => {
    if (rows.length < MAX_ROWS) rows.push({ location: rowStart, cfa: { ...state.cfa }, registers: new Map(state.registers) });
  };
  runInstructions(fde.instructions, fde, state, initial, cursor, (newLoc) => {
    if (newLoc !== rowStart) {
      emit();
      rowStart = newLoc;
    }
  });
  emit();
  return rows.filter((row, i) => i === rows.length - 1 || rows[i + 1].location > row.location).filter((row) => row.location < fde.high);
}

function runInstructions(
  code: Uint8Array,
  fde: FrameDescription,
  state: State,
  initial: State,
  cursor: { loc: number },
  advance: (newLoc: number) => void,
): void {
  const r = new ByteReader(code);
  const { codeAlign, dataAlign } = fde.cie;
  const stack: State[] = [];
  const set = (reg: number, rule: RegisterRule): void => {
    state.registers.set(reg, rule);
  };
  const restore = (reg: number): void => {
    const rule = initial.registers.get(reg);
    if (rule) state.registers.set(reg, rule);
    else state.registers.delete(reg);
  };
  const moveTo = (loc: number): void => {
    advance(loc);
    cursor.loc = loc;
  };
  while (!r.atEnd()) {
    const byte = r.u8();
    const high = byte & 0xc0;
    const low = byte & 0x3f;
    if (high === 0x40) { moveTo(cursor.loc + low * codeAlign); continue; }
    if (high === 0x80) { set(low, { kind: 'offset', offset: r.uleb() * dataAlign }); continue; }
    if (high === 0xc0) { restore(low); continue; }
    switch (byte) {
      case 0x00: break; // nop
      case 0x01: moveTo(r.uint(fde.cie.addressSize)); break; // set_loc
      case 0x02: moveTo(cursor.loc + r.u8() * codeAlign); break;
      case 0x03: moveTo(cursor.loc + r.u16() * codeAlign); break;
      case 0x04: moveTo(cursor.loc + r.u32() * codeAlign); break;
      case 0x05: { const reg = r.uleb(); set(reg, { kind: 'offset', offset: r.uleb() * dataAlign }); break; }
      case 0x06: restore(r.uleb()); break;
      case 0x07: set(r.uleb(), { kind: 'undefined' }); break;
      case 0x08: set(r.uleb(), { kind: 'sameValue' }); break;
      case 0x09: { const reg = r.uleb(); set(reg, { kind: 'register', reg: r.uleb() }); break; }
      case 0x0a: stack.push(copyState(state)); break; // remember_state
      case 0x0b: { // restore_state (the location is not part of the saved state)
        const saved = stack.pop();
        if (saved) {
          state.cfa = saved.cfa;
          state.registers = saved.registers;
        }
        break;
      }
      case 0x0c: { const reg = r.uleb(); state.cfa = { kind: 'register', reg, offset: r.uleb() }; break; }
      case 0x0d: { const reg = r.uleb(); state.cfa = state.cfa.kind === 'register' ? { ...state.cfa, reg } : { kind: 'register', reg, offset: 0 }; break; }
      case 0x0e: { const offset = r.uleb(); if (state.cfa.kind === 'register') state.cfa = { ...state.cfa, offset }; break; }
      case 0x0f: state.cfa = { kind: 'expression', expr: r.bytesView(r.uleb()) }; break;
      case 0x10: { const reg = r.uleb(); set(reg, { kind: 'expression', expr: r.bytesView(r.uleb()) }); break; }
      case 0x11: { const reg = r.uleb(); set(reg, { kind: 'offset', offset: r.sleb() * dataAlign }); break; }
      case 0x12: { const reg = r.uleb(); state.cfa = { kind: 'register', reg, offset: r.sleb() * dataAlign }; break; }
      case 0x13: { const offset = r.sleb() * dataAlign; if (state.cfa.kind === 'register') state.cfa = { ...state.cfa, offset }; break; }
      case 0x14: { const reg = r.uleb(); set(reg, { kind: 'valOffset', offset: r.uleb() * dataAlign }); break; }
      case 0x15: { const reg = r.uleb(); set(reg, { kind: 'valOffset', offset: r.sleb() * dataAlign }); break; }
      case 0x16: { const reg = r.uleb(); set(reg, { kind: 'valExpression', expr: r.bytesView(r.uleb()) }); break; }
      case 0x2e: r.uleb(); break; // GNU_args_size
      case 0x2f: { const reg = r.uleb(); set(reg, { kind: 'offset', offset: -r.uleb() * dataAlign }); break; }
      default: throw new DecodeError(`unknown call-frame instruction 0x${byte.toString(16)}`);
    }
  }
}
