// div and idiv on 32- and 64-bit operands in WebAssembly block functions, and cdq/cqo. The
// division runs natively when it cannot fault and fits WebAssembly's 64-bit division (for 64-bit
// operands: rdx holds only the sign or zero extension of rax); otherwise the instruction runs its
// interpreter handler, which raises #DE or divides the full 128-bit value. Flags are unchanged,
// as exec/mul-div.ts leaves them.
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { Op } from './wasm-code';
import { ValType } from './wasm-module';
import type { BlockCode } from './wasm-operands';
import { After } from './wasm-insns-after';

const RAX = 0;
const RDX = 2;

/** div (signed false) or idiv r/m of 4 or 8 bytes; undefined for other sizes. */
export function emitDivide(rc: BlockCode, insn: Insn, signed: boolean): After | undefined {
  const size = insn.opsize;
  if (size !== 4 && size !== 8) return undefined;
  const c = rc.code;
  const wide = size === 8;
  // every operand is read at the top level (register locals load on every path)
  const divisor = rc.hold(ValType.I64, () => {
    if (insn.hasMem) rc.load(rc.translate(rc.address(insn), size, Access.Read, 0), size);
    else rc.getReg(insn.rm, size);
    if (!wide) c.op(signed ? Op.I64ExtendI32S : Op.I64ExtendI32U);
  });
  const low = rc.hold(ValType.I64, () => rc.get64(RAX));
  const high = rc.hold(ValType.I64, () => rc.get64(RDX));
  const dividend = rc.hold(ValType.I64, () => {
    if (wide) c.get(low);
    else {
      c.get(high).i64(32).op(Op.I64Shl).get(low).i64(0xffffffff).op(Op.I64And, Op.I64Or);
    }
  });
  // whether the native division is exact and cannot fault
  const ok = rc.hold(ValType.I32, () => {
    c.get(divisor).op(Op.I64Eqz, Op.I32Eqz);
    if (signed) c.get(divisor).i64(-1).op(Op.I64Ne, Op.I32And);
    if (wide) {
      // the 128-bit dividend rdx:rax must be the extension of rax
      c.get(high);
      if (signed) c.get(low).i64(63).op(Op.I64ShrS);
      else c.i64(0);
      c.op(Op.I64Eq, Op.I32And);
    } else if (!signed) {
      c.get(high).i64(0xffffffff).op(Op.I64And).get(divisor).op(Op.I64LtU, Op.I32And);
    }
  });
  // a divisor of 1 where the division may not run natively: the division below cannot trap
  const safe = rc.hold(ValType.I64, () => c.get(divisor).i64(1).get(ok).op(Op.Select));
  const quotient = rc.hold(ValType.I64, () => c.get(dividend).get(safe).op(signed ? Op.I64DivS : Op.I64DivU));
  const remainder = rc.hold(ValType.I64, () => c.get(dividend).get(safe).op(signed ? Op.I64RemS : Op.I64RemU));
  if (!wide && signed) {
    // the 32-bit quotient must fit: q + 2^31 below 2^32
    c.get(ok).get(quotient).i64(2 ** 31).op(Op.I64Add).i64(32).op(Op.I64ShrU, Op.I64Eqz, Op.I32And).set(ok);
  }
  const before = rc.registerState();
  c.get(ok).open(Op.If);
  const put = (reg: number, v: number) => {
    if (wide) rc.set64(reg, () => c.get(v));
    else rc.set64(reg, () => c.get(v).i64(0xffffffff).op(Op.I64And));
  };
  put(RAX, quotient);
  put(RDX, remainder);
  const native = rc.registerState();
  c.op(Op.Else);
  rc.restoreRegisters(before);
  rc.interpretHere();
  rc.reloadRegister(RAX);
  rc.reloadRegister(RDX);
  c.end();
  rc.joinRegisters(native);
  return After.NEXT;
}

/** cdq / cqo: rdx (edx) = the sign of rax (eax); cwd is left to the interpreter. */
export function emitConvertToDx(rc: BlockCode, insn: Insn): After | undefined {
  const c = rc.code;
  if (insn.opsize === 8) {
    rc.set64(RDX, () => { rc.get64(RAX); c.i64(63).op(Op.I64ShrS); });
    return After.NEXT;
  }
  if (insn.opsize !== 4) return undefined;
  rc.setSmall(RDX, 4, () => { rc.getSmall(RAX, 4); c.i32(31).op(Op.I32ShrS); });
  return After.NEXT;
}
