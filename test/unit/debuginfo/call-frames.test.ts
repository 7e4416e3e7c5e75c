// Call-frame information: the CFA and register rules at every row of every FDE equal
// readelf's frames-interp table (.eh_frame of all builds, .debug_frame of a DWARF 4 build),
// and unwinding synthetic stacks follows CFI or, without it, the rbp chain.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo, DWARF_REGISTER_NAMES, type FrameRow, type RegisterValues } from '../../../src/debuginfo';
import { allSampleElfs, buildDir, dwarf4Builds, elfFilesIn, ensureSamples, readelfFrameTables } from './binutils-oracle';

function cfaText(row: FrameRow): string {
  if (row.cfa.kind === 'expression') return 'exp';
  const name = DWARF_REGISTER_NAMES[row.cfa.reg] ?? `r${row.cfa.reg}`;
  return row.cfa.offset >= 0 ? `${name}+${row.cfa.offset}` : `${name}${row.cfa.offset}`;
}

function ruleText(row: FrameRow, column: string): string {
  const reg = column === 'ra' ? 16 : DWARF_REGISTER_NAMES.indexOf(column as (typeof DWARF_REGISTER_NAMES)[number]);
  const rule = row.registers.get(reg);
  if (!rule || rule.kind === 'undefined') return 'u';
  switch (rule.kind) {
    case 'offset': return `c${rule.offset >= 0 ? '+' : ''}${rule.offset}`;
    case 'valOffset': return `v${rule.offset >= 0 ? '+' : ''}${rule.offset}`;
    case 'sameValue': return 's';
    case 'register': return DWARF_REGISTER_NAMES[rule.reg] ?? `r${rule.reg}`;
    case 'expression': return 'exp';
    case 'valExpression': return 'vexp';
  }
}

/** Checks every readelf row at its first and last pc; returns the number of pcs checked. */
function compareFrames(file: string): number {
  const info = DebugInfo.fromElf(readFileSync(file));
  const fdes = readelfFrameTables(file);
  assert.ok(fdes.length > 0, `${file} has FDEs`);
  let checked = 0;
  for (const fde of fdes) {
    fde.rows.forEach((want, i) => {
      const next = i + 1 < fde.rows.length ? fde.rows[i + 1].pc : fde.high;
      for (const pc of new Set([want.pc, next - 1, (want.pc + next) >> 1])) {
        if (pc < want.pc || pc >= next) continue;
        const row = info.frameRowAt(pc);
        const where = `${file}: pc 0x${pc.toString(16)}`;
        assert.ok(row, `${where}: a row`);
        assert.equal(cfaText(row), want.cfa, `${where}: CFA`);
        for (const [column, text] of want.rules) assert.equal(ruleText(row, column), text, `${where}: ${column}`);
        checked++;
      }
    });
  }
  return checked;
}

describe('debuginfo: call-frame information against readelf', function () {
  this.timeout(600000);
  before(() => ensureSamples());

  it('every FDE of the -O2 variants (and all other builds) gives readelf\'s rules at each row', () => {
    const o2 = allSampleElfs().filter((f) => /variants\/O2-/.test(f));
    assert.ok(o2.length >= 30);
    let checked = 0;
    for (const file of allSampleElfs()) checked += compareFrames(file);
    assert.ok(checked > 20000, `checked ${checked} pcs`);
  });

  it('.debug_frame of a DWARF 4 -O2 build gives readelf\'s rules', () => {
    let checked = 0;
    for (const file of elfFilesIn(dwarf4Builds().o2)) checked += compareFrames(file);
    assert.ok(checked > 1000, `checked ${checked} pcs`);
  });

  /** A little-endian memory image of 64-bit words at the given addresses. */
  function memoryOf(words: Map<bigint, bigint>): (addr: bigint, size: number) => Uint8Array | undefined {
    return (addr, size) => {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const byteAddr = addr + BigInt(i);
        const wordAddr = byteAddr & ~7n;
        const word = words.get(wordAddr);
        if (word === undefined) return undefined;
        out[i] = Number((word >> (8n * (byteAddr - wordAddr))) & 0xffn);
      }
      return out;
    };
  }

  it('unwinds a synthetic -O0 stack by CFI and by the rbp chain without CFI', () => {
    const info = DebugInfo.fromElf(readFileSync(path.join(buildDir, 'hello')));
    const main = info.functionNamed('main');
    const start = info.functionNamed('_start');
    assert.ok(main && start);
    // _start called main: return address inside _start; main's frame: [rbp] = old rbp, [rbp+8] = ret.
    const retInStart = start.lowPc + 20;
    const rbp = 0x47fff000n;
    const words = new Map<bigint, bigint>([
      [rbp, 0x47fff100n],
      [rbp + 8n, BigInt(retInStart)],
    ]);
    const body = info.lineRangesOfFunction(main)[1].start;
    const regs: RegisterValues = { rip: BigInt(body), rsp: rbp - 0x40n, rbp, rbx: 5n };
    const caller = info.unwindStep(body, regs, memoryOf(words));
    assert.deepEqual(caller, { rsp: rbp + 16n, rbp: 0x47fff100n, rbx: 5n, rip: BigInt(retInStart) });
    // At main's first instruction (before push rbp) the CFA is rsp+8 and the return address at [rsp].
    const entryWords = new Map<bigint, bigint>([[0x47ffe000n, BigInt(retInStart)]]);
    const atEntry = info.unwindStep(main.lowPc, { rip: BigInt(main.lowPc), rsp: 0x47ffe000n, rbp: 77n }, memoryOf(entryWords));
    assert.equal(atEntry?.rip, BigInt(retInStart));
    assert.equal(atEntry?.rsp, 0x47ffe008n);
    assert.equal(atEntry?.rbp, 77n);
    // A pc outside every FDE falls back to the rbp chain.
    const fallback = info.unwindStep(0x10, regs, memoryOf(words));
    assert.deepEqual(fallback, { rip: BigInt(retInStart), rsp: rbp + 16n, rbp: 0x47fff100n, rbx: 5n });
    // Unreadable memory ends the walk.
    assert.equal(info.unwindStep(body, regs, () => undefined), undefined);
    const frames = info.unwindStack(regs, memoryOf(words));
    assert.equal(frames.length, 2);
    assert.equal(info.cfaOf({ pc: body, registers: regs, readMemory: memoryOf(words) }), rbp + 16n);
  });
});
