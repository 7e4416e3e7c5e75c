// A test kernel for the guest programs: loads one into a fresh machine, runs it, services the
// protocol of README.md (checks, page-table edits, TLB maintenance, fault modes) and records every
// exception and interrupt it sees.
import { Machine } from '../../src/emu/machine';
import { PfError } from '../../src/emu/memory/contract';
import { PTE_NX, PTE_U, PTE_W, updatePte } from '../../src/emu/memory/page-table';
import type { StopReason } from '../../src/emu/stop-reason';
import { AddressSpace, STACK_TOP, pageOf } from './address-space';
import { readElf } from './elf-load';

export { STACK_TOP };

/** A run with more exceptions than this is killed (a fault the kernel cannot resolve repeats). */
const MAX_FAULTS = 1000;

/** System-call numbers of the protocol (README.md). */
export const enum Sys {
  Check = 1,
  Map = 2,
  Protect = 3,
  Invlpg = 4,
  Alias = 5,
  Pte = 6,
  ReloadCr3 = 7,
  FaultMode = 8,
  Copy = 9,
  Exit = 60,
}

/** Fault modes of the FAULT_MODE call. */
export const enum FaultMode {
  Kill = 0,
  Map = 1,
  Resume = 2,
  Grant = 3,
}

/** A self-check reported by the guest. */
export interface CheckReport {
  readonly id: number;
  readonly actual: bigint;
  readonly expected: bigint;
  /** address of the reporting `syscall` */
  readonly rip: number;
}

/** An exception the kernel saw, with what it did about it. */
export interface FaultRecord {
  readonly vector: number;
  readonly errorCode?: number;
  /** CR2 for #PF, the instruction address for #UD */
  readonly addr?: number;
  readonly bytes?: readonly number[];
  readonly rip: number;
  readonly rsp: bigint;
  /** the 16 general registers at the fault, by number (rax = 0 ... r15 = 15) */
  readonly regs: readonly bigint[];
  readonly action: 'kill' | 'map' | 'resume' | 'grant';
}

/** How a guest run ended, and everything recorded on the way. */
export interface GuestRun {
  readonly end: 'exit' | 'killed' | 'halt' | 'timeout';
  readonly exitCode?: number;
  /** why the program was killed */
  readonly reason?: string;
  readonly checks: readonly CheckReport[];
  readonly faults: readonly FaultRecord[];
  readonly interrupts: readonly { readonly vector: number; readonly rip: number }[];
  readonly machine: Machine;
  readonly space: AddressSpace;
}

type Ending = Pick<GuestRun, 'end' | 'exitCode' | 'reason'>;

/** One guest program under the test kernel. */
class TestKernel {
  readonly space = new AddressSpace();
  readonly machine = new Machine(this.space.mem);
  readonly checks: CheckReport[] = [];
  readonly faults: FaultRecord[] = [];
  readonly interrupts: { vector: number; rip: number }[] = [];
  private mode = FaultMode.Kill;
  private resumeAt = 0;
  private recordAt = 0;

  constructor(elf: Uint8Array) {
    const image = readElf(elf);
    this.space.load(image);
    this.machine.setRip(image.entry);
    this.machine.setReg('rsp', BigInt(STACK_TOP));
  }

  /** Handles one stop; returns how the run ended, or undefined to go on. */
  handle(stop: StopReason): Ending | undefined {
    switch (stop.kind) {
      case 'syscall':
        return this.syscall();
      case 'fault':
        return this.fault(stop);
      case 'interrupt':
        this.interrupts.push({ vector: stop.vector, rip: this.machine.cpu.rip });
        return undefined;
      case 'halt':
        return { end: 'halt' };
      case 'budget':
        return undefined;
      default:
        return { end: 'killed', reason: `unexpected stop ${stop.kind}` };
    }
  }

  private arg(reg: string): bigint {
    return this.machine.getReg(reg);
  }

  private addr(reg: string): number {
    return Number(BigInt.asUintN(48, this.arg(reg)));
  }

  private syscall(): Ending | undefined {
    const m = this.machine;
    const space = this.space;
    const nr = Number(this.arg('rax'));
    let result = 0n;
    switch (nr) {
      case Sys.Check:
        this.checks.push({ id: Number(this.arg('rdi')), actual: this.arg('rsi'), expected: this.arg('rdx'), rip: m.cpu.rip - 2 });
        break;
      case Sys.Map: {
        const pa = space.allocFrame();
        space.map(this.addr('rdi'), pa, this.arg('rsi'));
        result = BigInt(pa);
        break;
      }
      case Sys.Protect: {
        const at = space.pteAddress(this.addr('rdi'));
        if (at === undefined) return { end: 'killed', reason: 'PROTECT of an address without page table' };
        result = space.pte(this.addr('rdi'));
        updatePte(space.mem.phys, at, this.arg('rsi'), this.arg('rdx'));
        break;
      }
      case Sys.Invlpg:
        space.mem.invalidatePage(this.addr('rdi'));
        break;
      case Sys.Alias: {
        const frame = space.physical(pageOf(this.addr('rsi')));
        if (frame === undefined) return { end: 'killed', reason: 'ALIAS of an unmapped source' };
        space.map(this.addr('rdi'), frame, this.arg('rdx'));
        break;
      }
      case Sys.Pte:
        result = space.pte(this.addr('rdi'));
        break;
      case Sys.ReloadCr3:
        space.mem.setRoot(space.mem.root);
        break;
      case Sys.FaultMode:
        this.mode = Number(this.arg('rdi')) as FaultMode;
        this.resumeAt = this.addr('rsi');
        this.recordAt = this.addr('rdx');
        break;
      case Sys.Copy: {
        const bytes = space.peek(this.addr('rsi'), Number(this.arg('rdx')));
        if (bytes === undefined || !space.poke(this.addr('rdi'), bytes)) return { end: 'killed', reason: 'COPY with an unmapped page' };
        break;
      }
      case Sys.Exit:
        return { end: 'exit', exitCode: Number(BigInt.asIntN(64, this.arg('rdi'))) };
      default:
        return { end: 'killed', reason: `unknown system call ${nr}` };
    }
    m.setReg('rax', result);
    return undefined;
  }

  private fault(stop: Extract<StopReason, { kind: 'fault' }>): Ending | undefined {
    const m = this.machine;
    const rip = m.cpu.rip;
    const isPf = stop.vector === 14;
    const notPresent = isPf && ((stop.errorCode ?? 0) & PfError.Present) === 0;
    let action: FaultRecord['action'] = 'kill';
    if (this.mode === FaultMode.Resume) action = 'resume';
    else if (this.mode === FaultMode.Map && notPresent) action = 'map';
    else if (this.mode === FaultMode.Grant && isPf && !notPresent) action = 'grant';
    const { vector, errorCode, bytes } = stop;
    const regs = Array.from(m.cpu.r64.subarray(0, 16));
    this.faults.push({ vector, errorCode, addr: stop.addr, bytes, rip, rsp: m.getReg('rsp'), regs, action });
    const addr = stop.addr ?? 0;
    if (action === 'kill') return { end: 'killed', reason: stop.message };
    if (this.faults.length > MAX_FAULTS) return { end: 'killed', reason: `more than ${MAX_FAULTS} faults` };
    if (action === 'map') {
      this.space.map(addr, this.space.allocFrame(), PTE_U | PTE_W);
    } else if (action === 'grant') {
      const at = this.space.pteAddress(addr);
      if (at === undefined) return { end: 'killed', reason: 'GRANT without page table' };
      updatePte(this.space.mem.phys, at, PTE_U | PTE_W, PTE_NX);
      this.space.mem.invalidatePage(addr);
    } else {
      return this.resume(stop, rip);
    }
    return undefined;
  }

  private resume(stop: Extract<StopReason, { kind: 'fault' }>, rip: number): Ending | undefined {
    const m = this.machine;
    const fields = [
      BigInt(stop.vector),
      stop.errorCode === undefined ? -1n : BigInt(stop.errorCode),
      stop.addr === undefined ? -1n : BigInt(stop.addr),
      BigInt(rip),
      m.getReg('rsp'),
      BigInt(this.faults.length),
    ];
    const bytes = new Uint8Array(fields.length * 8);
    const view = new DataView(bytes.buffer);
    fields.forEach((v, k) => view.setBigUint64(k * 8, BigInt.asUintN(64, v), true));
    if (!this.space.poke(this.recordAt, bytes)) return { end: 'killed', reason: 'fault record is not mapped' };
    m.setRip(this.resumeAt);
    return undefined;
  }
}

/**
 * Loads the ELF executable `elf` into a fresh machine and address space, runs it for at most
 * `limit` instructions under the test kernel, and returns how it ended with everything recorded.
 * Throws Error for a file that is not an x86-64 ELF executable; guest misbehaviour only ends the run.
 */
export function runGuest(elf: Uint8Array, limit = 5_000_000): GuestRun {
  const k = new TestKernel(elf);
  let ending: Ending | undefined;
  while (ending === undefined) {
    const left = limit - k.machine.retired;
    if (left <= 0) {
      ending = { end: 'timeout' };
      break;
    }
    ending = k.handle(k.machine.run(Math.min(left, 100_000)));
  }
  return { ...ending, checks: k.checks, faults: k.faults, interrupts: k.interrupts, machine: k.machine, space: k.space };
}

/** Returns the checks whose actual value differs from the expected one, formatted for a message. */
export function failedChecks(run: GuestRun): string[] {
  return run.checks
    .filter((c) => c.actual !== c.expected)
    .map((c) => `check ${c.id} at 0x${c.rip.toString(16)}: got 0x${c.actual.toString(16)}, expected 0x${c.expected.toString(16)}`);
}
