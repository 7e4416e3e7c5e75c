// The kernel's access to user memory inside system calls. Every access goes through the MMU
// with the process's page table, page by page; a fault is resolved by the VM subsystem exactly as
// a user fault would be (lazy load, stack growth using the rsp saved at syscall entry, swap-in,
// copy-on-write), and an unresolvable one kills the process with exit(-1).
//
// Exact stops: system calls read their arguments and check their buffers before any side effect
// (copyOut marks where side effects begin). A fault in that first part whose event made a
// debugger stop suspends the call (SyscallSuspended); the kernel restarts it from the beginning
// when the process resumes, so the stop shows the machine at that fault, and the restarted call
// does exactly what the uninterrupted one would have done.
import { Access, PageFault, PfError, type MemoryBus } from '../../emu/memory/contract';
import type { PhysicalMemory } from '../../emu/memory/physical-memory';
import { KERN_BASE } from './elf';
import type { AddressSpace, VirtualMemory } from '../vm/virtual-memory';

/** Whose memory is accessed: the address space, and the user rsp saved at syscall entry. */
export interface UserContext {
  readonly space: AddressSpace;
  readonly syscallRsp: number;
}

const PAGE = 4096;

/** Thrown inside a system call when the process must die with exit(-1); carries the reason. */
export class ProcessKilled extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Thrown inside a system call that must stop at a fault before doing anything; `doing` names the work in progress. */
export class SyscallSuspended extends Error {
  constructor(readonly doing: string) {
    super(`system call suspended while ${doing}`);
  }
}

/** User-memory accessors bound to one machine. */
export class UserMemory {
  /** true while the running system call has had no side effect (it may still be suspended and restarted) */
  private restartable = false;

  constructor(
    private readonly mem: MemoryBus,
    private readonly phys: PhysicalMemory,
    private readonly vm: VirtualMemory,
    private readonly currentRip: () => number,
    private readonly stopRequested: () => boolean = () => false,
  ) {}

  /** A system call starts (or restarts): until its first side effect, a stop at a fault suspends it. */
  beginCall(): void {
    this.restartable = true;
  }

  /** The system call ended (returned, blocked, was killed or suspended). */
  endCall(): void {
    this.restartable = false;
  }

  /** Copies `length` bytes at user address `va` into a new array. Throws ProcessKilled on a bad pointer. */
  copyIn(proc: UserContext, va: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.eachPage(proc, va, length, Access.Read, 'copying from the user buffer', (pa, done, n) => out.set(this.phys.readBytes(pa, n), done));
    return out;
  }

  /**
   * Copies `bytes` to user address `va`: a side effect, so the call can no longer be suspended.
   * Throws ProcessKilled on a bad pointer or a read-only page.
   */
  copyOut(proc: UserContext, va: number, bytes: Uint8Array): void {
    this.restartable = false;
    this.eachPage(proc, va, bytes.length, Access.Write, 'copying into the user buffer', (pa, done, n) => this.phys.writeBytes(pa, bytes.subarray(done, done + n)));
  }

  /** Checks that [va, va+length) is readable (or writable) user memory, faulting pages in as needed. */
  check(proc: UserContext, va: number, length: number, write: boolean): void {
    this.eachPage(proc, va, length, write ? Access.Write : Access.Read, `checking the user buffer (${write ? 'writable' : 'readable'})`, () => {});
  }

  /** Reads a NUL-terminated string at `va` (at most `limit` bytes before the NUL). Throws ProcessKilled on a bad pointer. */
  readString(proc: UserContext, va: number, limit = 4096): string {
    const chars: number[] = [];
    for (let addr = va; ; ) {
      const pa = this.translate(proc, addr, Access.Read, 'reading a string argument');
      const inPage = PAGE - (addr % PAGE);
      const bytes = this.phys.readBytes(pa, inPage);
      const nul = bytes.indexOf(0);
      const take = nul < 0 ? inPage : nul;
      for (let i = 0; i < take && chars.length <= limit; i++) chars.push(bytes[i]);
      if (nul >= 0 || chars.length > limit) break;
      addr += inPage;
    }
    return String.fromCharCode(...chars.slice(0, limit));
  }

  /** Calls `use(pa, doneSoFar, bytesInThisPage)` for each page piece of [va, va+length), in order. */
  private eachPage(proc: UserContext, va: number, length: number, access: Access, doing: string, use: (pa: number, done: number, n: number) => void): void {
    if (length < 0) throw new ProcessKilled(`negative length ${length}`);
    let done = 0;
    while (done < length) {
      const addr = va + done;
      const n = Math.min(length - done, PAGE - (addr % PAGE));
      use(this.translate(proc, addr, access, doing), done, n);
      done += n;
    }
  }

  /**
   * Physical address of user address `va` for `access`, resolving page faults through the VM.
   * Throws SyscallSuspended after a resolved fault whose event made a debugger stop, while the
   * call is still restartable.
   */
  private translate(proc: UserContext, va: number, access: Access, doing: string): number {
    if (!Number.isSafeInteger(va) || va < 0 || va >= KERN_BASE) {
      throw new ProcessKilled(`bad user pointer 0x${Math.max(0, va).toString(16)} (kernel address)`);
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        return this.mem.translate(va, access, false);
      } catch (e) {
        if (!(e instanceof PageFault)) throw e;
        const resolved = this.vm.handleFault(proc.space, {
          addr: e.addr,
          write: (e.errorCode & PfError.Write) !== 0,
          user: false,
          present: (e.errorCode & PfError.Present) !== 0,
          fetch: false,
          errorCode: e.errorCode,
          rsp: proc.syscallRsp,
          rip: this.currentRip(),
        });
        if (!resolved) throw new ProcessKilled(`bad user pointer 0x${va.toString(16)}`);
        if (this.restartable && this.stopRequested()) throw new SyscallSuspended(doing);
      }
    }
    throw new Error(`internal error: page at 0x${va.toString(16)} still faults after it was resolved`);
  }
}
