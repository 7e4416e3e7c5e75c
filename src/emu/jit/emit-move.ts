// Compiled data movement: mov (every form), movzx, movsx, movsxd, lea, cbw/cwd families, nops.
// Same semantics as exec/move.ts and exec/move-immediate.ts, with the operand fields built in.
import type { Insn } from '../decoder/insn';
import { Access } from '../memory/contract';
import { Slot } from '../cpu/registers';
import { addressHalves, type BlockSource } from './block-source';
import { plainPlan, type Plan } from './plan';

const MASK = [0, 0xff, 0xffff, 0, 0xffffffff];

/** Reads the r/m operand of `size` bytes (1, 2 or 4) as an unsigned expression (translating a memory operand). */
export function readRmValue(src: BlockSource, insn: Insn, size: number): string {
  if (!insn.hasMem) return src.reg(insn.rm, size);
  const h = src.translate(src.address(insn), size, Access.Read, 0);
  const v = src.temp('v');
  src.emit(`const ${v} = ${src.load(h, size)};`);
  return v;
}

/** The immediate as an unsigned value of `size` bytes (1, 2 or 4). */
export function immediate(insn: Insn, size: number): number {
  return size === 4 ? insn.imm >>> 0 : insn.imm & MASK[size];
}

function movStore(src: BlockSource, insn: Insn): void {
  const size = insn.opsize;
  if (!insn.hasMem) {
    if (size === 8) src.copy64(insn.rm, insn.reg);
    else src.setReg(insn.rm, size, src.reg(insn.reg, size));
    return;
  }
  const h = src.translate(src.address(insn), size, Access.Write, 0);
  if (size === 8) src.store64(h, insn.reg);
  else src.store(h, size, src.reg(insn.reg, size));
}

function movLoad(src: BlockSource, insn: Insn): void {
  const size = insn.opsize;
  if (size === 8) {
    if (!insn.hasMem) src.copy64(insn.reg, insn.rm);
    else src.load64(src.translate(src.address(insn), 8, Access.Read, 0), insn.reg);
    return;
  }
  src.setReg(insn.reg, size, readRmValue(src, insn, size));
}

function movImmediate(src: BlockSource, insn: Insn, dst: number, hasMem: boolean): void {
  const size = insn.opsize;
  if (size === 8) {
    const lo = insn.imm >>> 0;
    const hi = insn.immHi >>> 0;
    if (!hasMem) src.emit(`r[${dst * 2}] = ${lo}; r[${dst * 2 + 1}] = ${hi};`);
    else src.store64Halves(src.translate(src.address(insn), 8, Access.Write, 0), `${lo}`, `${hi}`, Slot.T0);
    return;
  }
  const v = `${immediate(insn, size)}`;
  if (!hasMem) src.setReg(dst, size, v);
  else src.store(src.translate(src.address(insn), size, Access.Write, 0), size, v);
}

function lea(src: BlockSource, insn: Insn): void {
  const d = insn.reg;
  const size = insn.opsize;
  let lo: string;
  let hi: string;
  if (insn.ripRelative) {
    const [l, h] = addressHalves(insn.disp);
    lo = `${l}`;
    hi = insn.asize === 4 ? '0' : `${h}`;
  } else {
    const ls: string[] = [];
    const hs: string[] = [];
    const s = insn.scale === 1 ? '' : ` * ${insn.scale}`;
    if (insn.base >= 0) {
      ls.push(`r[${insn.base * 2}]`);
      hs.push(`r[${insn.base * 2 + 1}]`);
    }
    if (insn.index >= 0) {
      ls.push(`r[${insn.index * 2}]${s}`);
      hs.push(`r[${insn.index * 2 + 1}]${s}`);
    }
    if (insn.disp !== 0 || ls.length === 0) ls.push(`${insn.disp}`);
    lo = src.temp('l');
    src.emit(`const ${lo} = ${ls.join(' + ')};`);
    hi = insn.asize === 4 ? '0' : `${hs.length === 0 ? '0' : hs.join(' + ')} + Math.floor(${lo} / 4294967296)`;
  }
  if (size === 8) {
    if (hi === '0' || /^\d+$/.test(hi)) src.emit(`r[${d * 2}] = ${lo}; r[${d * 2 + 1}] = ${hi};`);
    else {
      const h = src.temp('h');
      src.emit(`const ${h} = ${hi}; r[${d * 2}] = ${lo}; r[${d * 2 + 1}] = ${h};`);
    }
  } else if (size === 4) src.emit(`r[${d * 2}] = ${lo}; r[${d * 2 + 1}] = 0;`);
  else src.emit(`w[${d * 4}] = ${lo};`);
}

function movzx(src: BlockSource, insn: Insn, from: number): void {
  const v = readRmValue(src, insn, from);
  src.setReg(insn.reg, insn.opsize === 8 ? 4 : insn.opsize, v);
}

function movsx(src: BlockSource, insn: Insn, from: number): void {
  const shift = 32 - from * 8;
  const raw = readRmValue(src, insn, from);
  const v = src.temp('s');
  src.emit(`const ${v} = (${raw} << ${shift}) >> ${shift};`);
  const d = insn.reg;
  if (insn.opsize === 8) src.emit(`si[${d * 2}] = ${v}; si[${d * 2 + 1}] = ${v} >> 31;`);
  else if (insn.opsize === 4) src.setReg(d, 4, `${v} >>> 0`);
  else src.setReg(d, 2, `${v} & 0xffff`);
}

const CONVERT_ACC: Record<number, string> = {
  8: 'si[1] = si[0] >> 31;',
  4: 'si[0] = (r[0] << 16) >> 16; r[1] = 0;',
  2: 'w[0] = (b8[0] << 24) >> 24;',
};

const CONVERT_ACC_TO_DX: Record<number, string> = {
  8: 'si[4] = si[5] = si[1] >> 31;',
  4: 'si[4] = si[0] >> 31; r[5] = 0;',
  2: 'w[8] = (w[0] << 16) >> 31;',
};

/** Plans the data-movement instructions this file compiles. */
export function planMove(insn: Insn): Plan | undefined {
  const e = insn.entry;
  const forms = e.operands.join(',');
  switch (e.mnemonic) {
    case 'mov':
      if (forms === 'r/m,r' || forms === 'moffs,acc') return plainPlan(insn.hasMem, movStore);
      if (forms === 'r,r/m' || forms === 'acc,moffs') return plainPlan(insn.hasMem, movLoad);
      if (forms === 'r/m,imm') return plainPlan(insn.hasMem, (s, i) => movImmediate(s, i, i.rm, i.hasMem));
      if (forms === '+r,imm' || forms === '+r,immv') return plainPlan(false, (s, i) => movImmediate(s, i, i.reg, false));
      return undefined;
    case 'lea':
      return plainPlan(false, lea);
    case 'movzx':
      return plainPlan(insn.hasMem, (s, i) => movzx(s, i, forms === 'r,r/m8' ? 1 : 2));
    case 'movsx':
      return plainPlan(insn.hasMem, (s, i) => movsx(s, i, forms === 'r,r/m8' ? 1 : 2));
    case 'movsxd':
      return plainPlan(insn.hasMem, (s, i) => movsx(s, i, 4));
    case 'cdqe':
      return plainPlan(false, (s, i) => s.emit(CONVERT_ACC[i.opsize]));
    case 'cqo':
      return plainPlan(false, (s, i) => s.emit(CONVERT_ACC_TO_DX[i.opsize]));
    case 'nop':
    case 'pause':
    case 'endbr64':
      return plainPlan(false, () => undefined);
  }
  return undefined;
}
