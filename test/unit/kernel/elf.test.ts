// ELF validation follows the Pintos loader's rules (PINTOS-ABI.md §2).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseElf } from '../../../src/kernel/userprog/elf';

/** A minimal valid ELF64 executable with the given PT_LOAD segments. */
function makeElf(segments: { type?: number; flags: number; offset: number; vaddr: number; filesz: number; memsz: number }[]): Uint8Array {
  const size = Math.max(0x2000, ...segments.map((s) => s.offset + s.filesz));
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  v.setUint16(16, 2, true);
  v.setUint16(18, 0x3e, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(24, 0x401000n, true);
  v.setBigUint64(32, 64n, true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, segments.length, true);
  segments.forEach((s, i) => {
    const at = 64 + i * 56;
    v.setUint32(at, s.type ?? 1, true);
    v.setUint32(at + 4, s.flags, true);
    v.setBigUint64(at + 8, BigInt(s.offset), true);
    v.setBigUint64(at + 16, BigInt(s.vaddr), true);
    v.setBigUint64(at + 32, BigInt(s.filesz), true);
    v.setBigUint64(at + 40, BigInt(s.memsz), true);
  });
  return b;
}

const code = { flags: 5, offset: 0, vaddr: 0x400000, filesz: 0x1000, memsz: 0x1000 };

describe('ELF loader validation', () => {
  it('accepts a static executable and reports its segments', () => {
    const r = parseElf(makeElf([code, { flags: 6, offset: 0x1000, vaddr: 0x405000, filesz: 0x100, memsz: 0x5000 }]));
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.image.entry, 0x401000);
    assert.deepEqual(r.image.segments.map((s) => [s.vaddr, s.writable, s.executable]), [
      [0x400000, false, true],
      [0x405000, true, false],
    ]);
    assert.deepEqual(r.image.warnings, []);
  });

  it('names the broken rule for each kind of bad file', () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(10), /too short/],
      [(() => { const b = makeElf([code]); b[0] = 0; return b; })(), /bad magic/],
      [(() => { const b = makeElf([code]); b[4] = 1; return b; })(), /64-bit/],
      [(() => { const b = makeElf([code]); b[16] = 3; return b; })(), /not an executable/],
      [(() => { const b = makeElf([code]); b[18] = 3; return b; })(), /not an x86-64 program/],
      [makeElf([code, { type: 3, flags: 4, offset: 0, vaddr: 0, filesz: 0, memsz: 0 }]), /dynamically linked/],
      [makeElf([{ ...code, offset: 0x10 }]), /modulo the page size/],
      [makeElf([{ ...code, memsz: 0x10 }]), /p_memsz is smaller/],
      [makeElf([{ ...code, filesz: 0, memsz: 0 }]), /p_memsz is 0/],
      [makeElf([{ ...code, vaddr: 0 }]), /page 0/],
      [makeElf([{ ...code, vaddr: 0x8004000000 }]), /not a user address/],
      [makeElf([{ ...code, vaddr: 0x8003fff000, memsz: 0x2000, filesz: 0x1000 }]), /past user space/],
      [makeElf([{ ...code, filesz: 0x10000, memsz: 0x10000 }]).slice(0, 0x2000), /past the end of the file/],
      [makeElf([]), /no loadable segment/],
    ];
    for (const [bytes, reason] of cases) {
      const r = parseElf(bytes);
      assert.equal(r.ok, false, String(reason));
      if (!r.ok) assert.match(r.reason, reason);
    }
  });

  it('accepts the newer-binutils layout (a header segment sharing the code page) with a warning', () => {
    const r = parseElf(makeElf([{ flags: 4, offset: 0, vaddr: 0x400000, filesz: 0x200, memsz: 0x200 }, { flags: 5, offset: 0x200, vaddr: 0x400200, filesz: 0x800, memsz: 0x800 }]));
    assert.ok(r.ok);
    if (r.ok) assert.match(r.image.warnings[0], /share page 0x400000/);
  });

  it('accepts every sample program', () => {
    const build = path.resolve(__dirname, '../../../userprogs/build');
    for (const name of ['hello', 'lazy-bss', 'bench']) {
      const file = path.join(build, name);
      if (!existsSync(file)) assert.fail(`${file} is missing: run make -C userprogs`);
      const r = parseElf(readFileSync(file));
      assert.ok(r.ok, r.ok ? '' : r.reason);
    }
  });
});
