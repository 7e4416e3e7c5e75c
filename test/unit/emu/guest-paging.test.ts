// Self-checking guest programs (test/guest) on the emulator under the test kernel: each scenario
// asserts what the kernel recorded (faults with error code, CR2 and rip; interrupts; page-table
// bits) and that every check the program made of itself passed.
import { strict as assert } from 'node:assert';
import { ElfFile } from '../../../src/debuginfo/elf-file';
import { describeWalk } from '../../../src/emu/memory/page-table';
import { buildGuest } from '../../guest/build';
import { FaultRecord, GuestRun, STACK_TOP, failedChecks, runGuest } from '../../guest/harness';

const PF = 14;
const P = 1, W = 2, U = 4, I = 16;
const RAX = 0, RCX = 1, RDI = 7, R14 = 14;

/** A finished guest run and the addresses of its labels. */
interface Guest {
  readonly run: GuestRun;
  /** address of label `name`; throws when the program has none */
  at(name: string): number;
}

/** Builds and runs test/guest/`source`; asserts a clean exit with `checks` passed self-checks. */
function runProgram(source: string, checks: number): Guest {
  const elf = buildGuest(source);
  const run = runGuest(elf);
  assert.deepEqual(failedChecks(run), [], `${source}: failed self-checks`);
  assert.deepEqual([run.end, run.exitCode, run.reason], ['exit', 0, undefined], `${source} did not exit cleanly`);
  assert.equal(run.checks.length, checks, `${source}: number of self-checks`);
  const symbols = ElfFile.parse(elf);
  const at = (name: string) => {
    const sym = symbols.lookupSymbol(name);
    if (sym === undefined) throw new Error(`${source} has no label ${name}`);
    return sym.address;
  };
  return { run, at };
}

/** [vector, error code, CR2 or #UD address, rip] of each recorded exception. */
function summary(faults: readonly FaultRecord[]): (number | undefined)[][] {
  return faults.map((f) => [f.vector, f.errorCode, f.addr, f.rip]);
}

describe('guest programs: paging', () => {
  it('not-present faults carry U/W and the exact CR2, and the instruction restarts once mapped', () => {
    const { run, at } = runProgram('pf-demand.S', 15);
    const LAZY = 0x1000_0000, STK = 0x2000_0000;
    assert.deepEqual(summary(run.faults), [
      [PF, U, LAZY + 0x128, at('read_np')],
      [PF, U | W, LAZY + 0x1008, at('write_np')],
      [PF, U | W, LAZY + 0x2010, at('rmw_np')],
      [PF, U | W, STK - 8, at('push_np')],
      [PF, U, STK + 0x1000, at('pop_np')],
      [PF, U | W, STK - 0x1008, at('call_np')],
      [PF, U | W, LAZY + 0x3000, at('stos_np')],
      [PF, U | W, LAZY + 0x4000, at('stos_np')],
    ]);
    assert.ok(run.faults.every((f) => f.action === 'map'));
    assert.equal(run.faults[1].regs[R14], 1n, 'the block before the faulting store ran once');
    assert.equal(run.faults[3].rsp, BigInt(STK), 'a faulting push leaves rsp unchanged');
    assert.equal(run.faults[4].rsp, BigInt(STK + 0x1000), 'a faulting pop leaves rsp unchanged');
    assert.equal(run.faults[4].regs[RAX], 2n ** 64n - 1n, 'a faulting pop leaves its destination unchanged');
    assert.equal(run.faults[5].rsp, BigInt(STK - 0x1000), 'a faulting call leaves rsp unchanged');
    const stos = run.faults[7];
    assert.equal(stos.regs[RCX], 512n, 'rep stos stops after the iterations that completed');
    assert.equal(stos.regs[RDI], BigInt(LAZY + 0x4000));
  });

  it('protection faults report P, W, U and I; GRANT restarts them', () => {
    const { run, at } = runProgram('pf-protect.S', 46);
    const RO = 0x1100_0000, KP = 0x1100_1000, NXP = 0x1100_2000, NOPE = 0x1100_3000, RO2 = 0x1100_4000;
    const XC = 0x1100_5000;
    assert.deepEqual(summary(run.faults), [
      [PF, P | W | U, RO + 0x40, at('wr_ro')],
      [PF, P | W | U, at('_start'), at('wr_code')],
      [PF, P | U, KP + 8, at('rd_kp')],
      [PF, P | W | U, KP + 16, at('wr_kp')],
      [PF, P | U | I, NXP, NXP],
      [PF, U | I, NOPE, NOPE],
      [PF, P | U | I, KP + 0x20, KP + 0x20],
      [PF, U | I, XC + 0x1000, XC + 0xffd],
      [PF, P | W | U, RO2 + 8, at('grant_wr')],
      [PF, P | U | I, NXP, NXP],
      [PF, P | U, KP + 8, at('grant_kp')],
    ]);
    assert.deepEqual(
      run.faults.map((f) => f.action),
      [...Array<string>(8).fill('resume'), 'grant', 'grant', 'grant'],
    );
    assert.equal(run.faults[4].rsp, BigInt(STACK_TOP - 8), 'the call completed before the fetch faulted');
  });

  it('a page-crossing access translates both pages before writing anything', () => {
    const { run, at } = runProgram('pf-crossing.S', 31);
    const Y = 0x1200_1000, Z = 0x1200_3000, RO = 0x1200_5000;
    assert.deepEqual(summary(run.faults), [
      [PF, U | W, Y, at('st_cross')],
      [PF, U, Y, at('ld_cross')],
      [PF, U | W, Z + 0xffe, at('st_first')],
      [PF, U | W, Y, at('push_cross')],
      [PF, P | U | W, RO, at('rmw_cross')],
      [PF, U | W, Y, at('st_restart')],
    ]);
    assert.equal(run.faults[3].rsp, BigInt(Y + 4));
    const bytesAt = (va: number, n: number) => {
      const pa = run.space.physical(va);
      assert.ok(pa !== undefined, `0x${va.toString(16)} is mapped`);
      return [...run.space.mem.ram.subarray(pa, pa + n)];
    };
    assert.deepEqual(bytesAt(0x1200_0ff8, 8), [0xff, 0xff, 0xff, 0xff, 0x88, 0x77, 0x66, 0x55]);
    assert.deepEqual(bytesAt(Y, 8), [0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0]);
  });

  it('A and D bits follow reads, writes and fetches, and cached translations', () => {
    const { run, at } = runProgram('ad-bits.S', 16);
    assert.deepEqual(summary(run.faults), [[PF, P | W | U, 0x1300_2000, at('ad_fault')]]);
    const walk = describeWalk(run.space.mem.phys, run.space.pml4, 0x1300_0000);
    assert.equal(walk.outcome, 'mapped');
    assert.deepEqual(
      walk.levels.map((l) => [l.name, l.flags.accessed]),
      [['PML4', true], ['PDPT', true], ['PD', true], ['PT', true]],
      'a walk sets A at every level',
    );
    assert.equal(walk.levels[3].flags.dirty, true);
    assert.equal(describeWalk(run.space.mem.phys, run.space.pml4, 0x1300_2000).levels[3].flags.dirty, false);
  });

  it('edits without INVLPG leave stale translations; INVLPG and CR3 reloads drop them', () => {
    const { run, at } = runProgram('tlb.S', 33);
    const TD = 0x1400_3000;
    assert.deepEqual(summary(run.faults), [
      [PF, P | W | U, 0x1400_2008, at('wp_fault')],
      [PF, U, 0x1400_1000, at('np_fault')],
      [PF, P | U | I, TD, TD],
      [PF, U | I, TD, TD],
    ]);
  });

  it('self-modifying code runs in its new form', () => {
    const { run } = runProgram('smc.S', 19);
    assert.deepEqual(run.faults, []);
  });

  it('divide errors, invalid opcodes, non-canonical addresses and software interrupts', () => {
    const { run, at } = runProgram('exceptions.S', 37);
    assert.deepEqual(summary(run.faults), [
      [0, undefined, undefined, at('div_zero')],
      [0, undefined, undefined, at('div_big')],
      [0, undefined, undefined, at('idiv_big')],
      [0, undefined, undefined, at('div_byte')],
      [6, undefined, at('ud_two'), at('ud_two')],
      [6, undefined, at('ud_es'), at('ud_es')],
      [13, 0, undefined, at('gp_jmp')],
      [13, 0, undefined, at('gp_load')],
    ]);
    assert.deepEqual(run.faults[4].bytes, [0x0f, 0x0b]);
    assert.deepEqual(run.faults[5].bytes?.[0], 0x06);
    assert.deepEqual(run.interrupts, [
      { vector: 0x42, rip: at('after_int42') },
      { vector: 3, rip: at('after_int3') },
    ]);
  });

  it('C code under demand paging: array, read-only touches and stack growth', () => {
    const { run } = runProgram('demand.c', 3);
    const writes = run.faults.filter((f) => f.addr !== undefined && f.addr >= 0x1600_0000 && f.addr < 0x1610_0000);
    assert.deepEqual(
      writes.map((f) => [f.errorCode, f.addr]),
      Array.from({ length: 16 }, (_, k) => [U | W, 0x1600_0000 + k * 4096]),
    );
    const reads = run.faults.filter((f) => f.addr !== undefined && f.addr >= 0x1610_0000 && f.addr < 0x1620_0000);
    assert.deepEqual(
      reads.map((f) => [f.errorCode, f.addr]),
      Array.from({ length: 4 }, (_, k) => [U, 0x1610_0000 + k * 4104]),
    );
    const stack = run.faults.filter((f) => f.addr !== undefined && f.addr < STACK_TOP && f.addr >= STACK_TOP - 0x10_0000);
    assert.ok(stack.length >= 4, `the recursion grows the stack by several pages (${stack.length} faults)`);
    for (const [k, f] of stack.entries()) {
      assert.equal(f.errorCode, U | W);
      const rsp = Number(f.rsp);
      assert.ok(f.addr !== undefined && f.addr >= rsp && f.addr < rsp + 4096, 'the faulting store is in the current frame');
      assert.equal(Math.floor((f.addr ?? 0) / 4096), (STACK_TOP >> 12) - 2 - k, 'one fault per page, downwards');
    }
    assert.equal(writes.length + reads.length + stack.length, run.faults.length);
  });

  it('the harness reports failed self-checks and kills on an unexpected fault', () => {
    const elf = buildGuest('control.S');
    const run = runGuest(elf);
    assert.equal(run.checks.length, 2);
    assert.equal(failedChecks(run).length, 1);
    assert.match(failedChecks(run)[0], /^check 2 at 0x[0-9a-f]+: got 0x1, expected 0x2$/);
    assert.equal(run.end, 'killed');
    const killed = ElfFile.parse(elf).lookupSymbol('killed')?.address;
    assert.deepEqual(summary(run.faults), [[PF, U, 0x1700_0000, killed]]);
    assert.equal(run.faults[0].action, 'kill');
  });
});
