// The CPU's system instructions on a kernel in miniature (fixtures/system-cpu.S, assembled with
// the system's binutils): 32-bit protected mode to long mode, lgdt/lidt/ltr, the syscall MSRs,
// iretq to user mode, syscall/sysretq, and #GP and #PF delivered through the IDT with the TSS
// stack switch. The stop handling below is the least a platform does (deliver faults, go on
// after system stops); the letters the miniature kernel writes to port 0xe9 say what it checked.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MemorySystem } from '../../../src/emu/memory/memory-system';
import { Machine } from '../../../src/emu/machine';
import { deliver } from '../../../src/emu/cpu/interrupt-delivery';
import { Cr0, Selector } from '../../../src/emu/cpu/system-state';
import { syncCpuMode } from '../../../src/emu/cpu/privilege';
import type { StopReason } from '../../../src/emu/stop-reason';
import { makeMachine } from './machine-fixture';

const LOAD = 0x100000;

/** Assembles the miniature kernel into a flat image loaded at LOAD. */
function assemble(): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'system-cpu-'));
  try {
    const src = path.join(__dirname, 'fixtures', 'system-cpu.S');
    execFileSync('as', ['--64', '-o', path.join(dir, 'k.o'), src]);
    execFileSync('ld', ['-nostdlib', '-static', '-e', 'start', `-Ttext=0x${LOAD.toString(16)}`, '-o', path.join(dir, 'k.elf'), path.join(dir, 'k.o')]);
    execFileSync('objcopy', ['-O', 'binary', path.join(dir, 'k.elf'), path.join(dir, 'k.bin')]);
    return new Uint8Array(readFileSync(path.join(dir, 'k.bin')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A machine in the state a boot loader leaves: 32-bit protected mode, paging off, CPL 0. */
function bootMachine(image: Uint8Array, engine: 'wasm' | 'js') {
  const mem = new MemorySystem(8 * 1024 * 1024);
  mem.phys.ram.set(image, LOAD);
  const m = new Machine(mem, { engine, compileAfter: 2 });
  const cpu = m.cpu;
  const out: number[] = [];
  cpu.fullSystem = true;
  cpu.ports = { in: () => 0xff, out: (port, _size, value) => void (port === 0xe9 && out.push(value & 0xff)) };
  Object.assign(cpu.sys, { cpl: 0, codeBits: 32, cr0: Cr0.PE | Cr0.ET, cr4: 0, efer: 0 });
  cpu.sys.selectors = [Selector.KERNEL_DATA, Selector.KERNEL_CODE, Selector.KERNEL_DATA, Selector.KERNEL_DATA, 0, 0];
  cpu.controlFlags = 0x2;
  syncCpuMode(cpu);
  m.flushDecodedCode();
  cpu.rip = LOAD;
  return { m, out: () => String.fromCharCode(...out) };
}

/** Runs to `hlt`, delivering faults through the IDT; returns the stops seen, by kind. */
function runToHalt(m: Machine): string[] {
  const kinds: string[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const stop: StopReason = m.run(1000);
    if (stop.kind !== 'budget') kinds.push(stop.kind === 'fault' ? `fault ${stop.vector}` : stop.kind);
    if (stop.kind === 'halt') return kinds;
    if (stop.kind === 'fault') {
      if (stop.vector === 14) m.cpu.sys.cr2 = stop.addr ?? 0;
      deliver(m.cpu, { vector: stop.vector, errorCode: stop.errorCode });
    } else if (stop.kind !== 'system' && stop.kind !== 'budget') {
      throw new Error(`unexpected stop ${JSON.stringify(stop)}`);
    }
  }
  throw new Error('the miniature kernel did not halt');
}

describe('system instructions: a kernel in miniature from 32-bit boot to user mode and back', function () {
  let image: Uint8Array;
  before(() => {
    image = assemble();
  });

  for (const engine of ['wasm', 'js'] as const) {
    it(`boots into long mode, enters user mode, and takes a system call, a #GP and a #PF (${engine} tier)`, () => {
      const { m, out } = bootMachine(image, engine);
      const stops = runToHalt(m);
      assert.equal(out(), 'LSGT0PCE');
      assert.equal(m.cpu.sys.cpl, 0, 'the #PF handler runs at CPL 0');
      assert.equal(m.cpu.sys.codeBits, 64);
      assert.equal(m.cpu.sys.cr2, 0x600000);
      assert.ok(stops.includes('fault 13') && stops.includes('fault 14'), stops.join(', '));
    });
  }

  it('runs the same instructions to the same state twice (determinism)', () => {
    const a = bootMachine(image, 'wasm');
    const b = bootMachine(image, 'wasm');
    runToHalt(a.m);
    runToHalt(b.m);
    assert.equal(a.m.retired, b.m.retired);
    assert.deepEqual(a.m.cpu.snapshot(), b.m.cpu.snapshot());
  });
});

describe('system instructions in a user process', () => {
  const cases: [string, string][] = [
    ['cli', 'fa'], ['sti', 'fb'], ['in al, 0x60', 'e4 60'], ['out dx, al', 'ee'], ['mov cr3, rax', '0f 22 d8'],
    ['lgdt [rax]', '0f 01 10'], ['wrmsr', '0f 30'], ['rdmsr', '0f 32'], ['invlpg [rax]', '0f 01 38'], ['swapgs', '0f 01 f8'],
    ['iretq', '48 cf'], ['sysretq', '48 0f 07'], ['ltr ax', '0f 00 d8'], ['rep insb', 'f3 6c'],
  ];
  for (const [name, code] of cases) {
    it(`${name} raises #GP and changes nothing`, () => {
      const t = makeMachine(code);
      const before = t.m.cpu.snapshot();
      const stop = t.m.run(10);
      assert.equal(stop.kind, 'fault');
      assert.equal(stop.kind === 'fault' && stop.vector, 13, JSON.stringify(stop));
      assert.deepEqual(t.m.cpu.snapshot(), before);
    });
  }

  it('cpuid answers with the documented vendor and long mode', () => {
    const t = makeMachine('31 c0 0f a2 b8 01 00 00 80 0f a2');
    t.m.run(2);
    const vendor = [t.m.getReg('rbx'), t.m.getReg('rdx'), t.m.getReg('rcx')].map((r) => Buffer.from(new BigUint64Array([r]).buffer).subarray(0, 4).toString('latin1')).join('');
    assert.equal(vendor, 'PintosVMx64 ');
    t.m.run(2);
    assert.ok((t.m.getReg('rdx') & (1n << 29n)) !== 0n, 'long mode');
    assert.ok((t.m.getReg('rdx') & (1n << 11n)) !== 0n, 'syscall');
  });

  it('mov from a segment register reads the user selectors', () => {
    const t = makeMachine('8c d8 8c c9');
    t.m.run(2);
    assert.equal(t.m.getReg('rax'), 0x1bn);
    assert.equal(t.m.getReg('rcx'), 0x23n);
  });
});
