// Malformed input degrades to less information: random truncations and bit flips of the
// debug sections (fixed seed) never make DebugInfo.fromElf or any query throw.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo, ElfFile, formatTypeName, sizeOfType } from '../../../src/debuginfo';
import { buildDir, ensureSamples } from './binutils-oracle';

/** xorshift32: a small deterministic generator. */
function generator(seed: number): (limit: number) => number {
  let state = seed >>> 0 || 1;
  return (limit) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return limit <= 0 ? 0 : state % limit;
  };
}

const targets = ['.debug_info', '.debug_abbrev', '.debug_line', '.debug_str', '.debug_line_str', '.debug_rnglists', '.debug_loclists', '.eh_frame', '.symtab', '.strtab'];

/** Runs every query over `info`; any exception fails the test. */
function exercise(info: DebugInfo, random: (limit: number) => number): void {
  const memory = (addr: bigint, size: number): Uint8Array | undefined => (addr % 3n === 0n ? undefined : new Uint8Array(size).fill(Number(addr & 0xffn)));
  const fns = info.functions();
  const probes = [0x400000, 0x400100 + random(0x4000), ...fns.slice(0, 20).map((f) => f.lowPc + random(Math.max(1, f.highPc - f.lowPc)))];
  for (const addr of probes) {
    info.linesForAddress(addr);
    info.symbolize(addr);
    info.functionAt(addr);
    info.lineRangeAt(addr);
    info.isStatementStart(addr);
    info.frameRowAt(addr);
    for (const v of info.variablesAt(addr)) {
      formatTypeName(info.typeOf(v), v.name);
      sizeOfType(v.type);
      info.locateVariable(v, { pc: addr, registers: { rbp: 0x7000n, rsp: 0x6f00n, rip: BigInt(addr) }, readMemory: memory });
    }
    info.scopesAt(addr);
    info.unwindStack({ rip: BigInt(addr), rsp: 0x7000n, rbp: 0x7100n }, memory, 16);
  }
  for (const fn of fns.slice(0, 10)) {
    info.lineRangesOfFunction(fn);
    formatTypeName(fn.type, fn.name);
  }
  for (const g of info.globals()) formatTypeName(g.type, g.name);
  for (const file of info.sourceFiles().slice(0, 5)) {
    info.resolveBreakpointLine(file, 1 + random(200));
    info.addressesForLine(file, 1 + random(200));
  }
  info.lookupSymbol('main');
  assert.ok(Array.isArray(info.warnings));
}

describe('debuginfo: robustness against malformed input', function () {
  this.timeout(600000);
  before(() => ensureSamples());

  for (const [name, seed] of [['hello', 0x5eed], [path.join('variants', 'O2-pintos', 'fork-cow'), 0xbeef]] as const) {
    it(`200 damaged copies of ${name} never throw`, () => {
      const original = new Uint8Array(readFileSync(path.join(buildDir, name)));
      const elf = ElfFile.parse(original);
      const random = generator(seed);
      let warned = 0;
      for (let iteration = 0; iteration < 200; iteration++) {
        const bytes = original.slice();
        const section = elf.section(targets[random(targets.length)]);
        if (!section || section.size === 0) continue;
        const mode = random(3);
        if (mode === 0) {
          // Truncate: zero the tail of the section.
          const keep = random(section.size);
          bytes.fill(0, section.offset + keep, section.offset + section.size);
        } else if (mode === 1) {
          // Flip a few bits.
          const flips = 1 + random(16);
          for (let i = 0; i < flips; i++) bytes[section.offset + random(section.size)] ^= 1 << random(8);
        } else {
          // Overwrite a run with random bytes.
          const start = random(section.size);
          const length = Math.min(section.size - start, 1 + random(64));
          for (let i = 0; i < length; i++) bytes[section.offset + start + i] = random(256);
        }
        let info: DebugInfo | undefined;
        assert.doesNotThrow(() => {
          info = DebugInfo.fromElf(bytes);
        }, `iteration ${iteration}`);
        assert.ok(info);
        assert.doesNotThrow(() => exercise(info as DebugInfo, random), `iteration ${iteration}`);
        if (info.warnings.length > 0) warned++;
      }
      assert.ok(warned > 20, `${warned} damaged copies produced warnings`);
    });
  }

  it('truncated files, empty input and non-ELF bytes give warnings, not exceptions', () => {
    const original = new Uint8Array(readFileSync(path.join(buildDir, 'hello')));
    const random = generator(7);
    for (const length of [0, 3, 16, 63, 64, 200, 4096, original.length >> 1, original.length - 1]) {
      const info = DebugInfo.fromElf(original.subarray(0, length));
      exercise(info, random);
    }
    const notElf = DebugInfo.fromElf(new TextEncoder().encode('#!/bin/sh\necho hi\n'));
    assert.ok(notElf.warnings.some((w) => /not an ELF/.test(w)));
    assert.deepEqual(notElf.functions(), []);
  });
});
