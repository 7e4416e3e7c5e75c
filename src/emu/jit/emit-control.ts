// Compiled stack and control-transfer instructions: push/pop of registers and immediates,
// call/ret/leave, jmp/jcc, and the condition users setcc/cmovcc. Same order of translations,
// faults and effects as exec/stack.ts, exec/branch.ts and exec/conditional.ts.
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { byteRegOffset, Reg, Slot } from '../cpu/registers';
import { isCanonical48 } from '../exec/branch';
import { addressHalves, type BlockSource } from './block-source';
import { conditionSource } from './conditions';
import { readRmValue } from './emit-move';
import { plainPlan, type Plan } from './plan';

/** Emits the canonical branch target held in slot `slot` (exec/branch.ts `slotToAddress`); returns the local. */
function targetFromSlot(src: BlockSource, slot: number): string {
  src.mayFault();
  const t = src.temp('t');
  src.emit(`const ${t} = r[${slot * 2 + 1}] === 0 ? r[${slot * 2}] : branchTarget(r[${slot * 2}], r[${slot * 2 + 1}]);`);
  return t;
}

/** Emits the read of an r/m64 branch target (register or memory); returns the local with the address. */
function rmTarget(src: BlockSource, insn: Insn): string {
  if (!insn.hasMem) return targetFromSlot(src, insn.rm);
  src.load64(src.translate(src.address(insn), 8, Access.Read, 0), Slot.T0);
  return targetFromSlot(src, Slot.T0);
}

/** Pushes the return address `next` (exec/branch.ts `pushReturn`). */
function pushReturn(src: BlockSource, next: number): void {
  const h = src.translate(src.stackAddress(-8), 8, Access.Write, 1);
  const [lo, hi] = addressHalves(next);
  src.store64Halves(h, `${lo}`, `${hi}`, Slot.T1);
  src.addRsp(-8);
}

function push(src: BlockSource, insn: Insn): void {
  const h = src.translate(src.stackAddress(-8), 8, Access.Write, 1);
  if (insn.entry.operands[0] === '+r') src.store64(h, insn.reg);
  else src.store64Halves(h, `${insn.imm >>> 0}`, `${insn.immHi >>> 0}`, Slot.T0);
  src.addRsp(-8);
}

function pop(src: BlockSource, insn: Insn): void {
  const h = src.translate(src.stackAddress(0), 8, Access.Read, 0);
  if (insn.reg === Reg.RSP) {
    src.load64(h, Slot.T0);
    src.copy64(Reg.RSP, Slot.T0);
  } else {
    src.load64(h, insn.reg);
    src.addRsp(8);
  }
}

function leave(src: BlockSource): void {
  src.mayFault();
  const va = src.temp('va');
  src.emit(`const ${va} = r[11] === 0 ? r[10] : canonical(r[10], r[11]);`);
  src.load64(src.translate(va, 8, Access.Read, 0), Slot.T0);
  src.copy64(Reg.RSP, Reg.RBP);
  src.addRsp(8);
  src.copy64(Reg.RBP, Slot.T0);
}

function ret(src: BlockSource, insn: Insn): void {
  src.load64(src.translate(src.stackAddress(0), 8, Access.Read, 0), Slot.T0);
  const t = targetFromSlot(src, Slot.T0);
  src.addRsp(8 + insn.imm);
  src.emit(`cpu.rip = ${t};`);
}

function setcc(src: BlockSource, insn: Insn): void {
  const cond = conditionSource(src.known, insn.cc);
  if (!insn.hasMem) {
    src.emit(`b8[${byteRegOffset(insn.rm)}] = ${cond} ? 1 : 0;`);
    return;
  }
  const h = src.translate(src.address(insn), 1, Access.Write, 0);
  src.store(h, 1, `(${cond} ? 1 : 0)`);
}

function cmov(src: BlockSource, insn: Insn): void {
  const size = insn.opsize;
  const d = insn.reg;
  if (size === 8) {
    let from = insn.rm;
    if (insn.hasMem) {
      src.load64(src.translate(src.address(insn), 8, Access.Read, 0), Slot.T0);
      from = Slot.T0;
    }
    src.emit(`if (${conditionSource(src.known, insn.cc)}) { r[${d * 2}] = r[${from * 2}]; r[${d * 2 + 1}] = r[${from * 2 + 1}]; }`);
    return;
  }
  const v = readRmValue(src, insn, size);
  const cond = conditionSource(src.known, insn.cc);
  if (size === 4) src.emit(`if (${cond}) r[${d * 2}] = ${v}; r[${d * 2 + 1}] = 0;`);
  else src.emit(`if (${cond}) w[${d * 4}] = ${v};`);
}

/** Plans push/pop (64-bit), call, ret, leave, jmp, jcc, setcc and cmovcc. */
export function planControl(insn: Insn): Plan | undefined {
  const e = insn.entry;
  const forms = e.operands.join(',');
  const reads = e.flagsRead;
  switch (e.mnemonic) {
    case 'push':
      if (insn.opsize === 8 && (forms === '+r' || forms === 'imm' || forms === 'imm8')) return plainPlan(true, push);
      return undefined;
    case 'pop':
      return insn.opsize === 8 && forms === '+r' ? plainPlan(true, pop) : undefined;
    case 'leave':
      return plainPlan(true, leave);
    case 'ret':
      return plainPlan(true, ret);
    case 'call':
      if (forms === 'rel32') {
        if (!isCanonical48(insn.target)) return undefined;
        return plainPlan(true, (s, i) => { pushReturn(s, i.next); s.emit(`cpu.rip = ${i.target};`); });
      }
      return plainPlan(true, (s, i) => { const t = rmTarget(s, i); pushReturn(s, i.next); s.emit(`cpu.rip = ${t};`); });
    case 'jmp':
      if (forms === 'r/m') return plainPlan(true, (s, i) => s.emit(`cpu.rip = ${rmTarget(s, i)};`));
      if (!isCanonical48(insn.target)) return undefined;
      return plainPlan(false, (s, i) => s.emit(`cpu.rip = ${i.target};`));
  }
  if (e.flow === 'branch') {
    if (!isCanonical48(insn.target)) return undefined;
    return { reads, writes: 0, mayFault: false, emit: (s, i) => s.emit(`if (${conditionSource(s.known, i.cc)}) cpu.rip = ${i.target};`) };
  }
  if (e.mnemonic.startsWith('set') && forms === 'r/m8') return { reads, writes: 0, mayFault: insn.hasMem, emit: setcc };
  if (e.mnemonic.startsWith('cmov')) return { reads, writes: 0, mayFault: insn.hasMem, emit: cmov };
  return undefined;
}
