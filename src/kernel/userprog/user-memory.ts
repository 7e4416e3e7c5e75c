// The kernel's access to user memory inside system calls. Every access goes through the MMU
// with the process's page table, page by page; a fault is resolved by the VM subsystem exactly as
// a user fault would be (lazy load, stack growth using the rsp saved at syscall entry, swap-in,
// copy-on-write), and an unresolvable one kills the process with exit(-1).
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

/** User-memory accessors bound to one machine. */
export class UserMemory {
  constructor(
    private readonly mem: MemoryBus,
    private readonly phys: PhysicalMemory,
    private readonly vm: VirtualMemory,
    private readonly currentRip: () => number,
  ) {}

  /** Copies `length` bytes at user address `va` into a new array. Throws ProcessKilled on a bad pointer. */
  copyIn(proc: UserContext, va: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.eachPage(proc, va, length, Access.Read, (pa, done, n) => out.set(this.phys.readBytes(pa, n), done));
    return out;
  }

  /** Copies `bytes` to user address `va`. Throws ProcessKilled on a bad pointer or a read-only page. */
  copyOut(proc: UserContext, va: number, bytes: Uint8Array): void {
    this.eachPage(proc, va, bytes.length, Access.Write, (pa, done, n) => this.phys.writeBytes(pa, bytes.subarray(done, done + n)));
  }

  /** Checks that [va, va+length) is readable (or writable) user memory, faulting pages in as needed. */
  check(proc: UserContext, va: number, length: number, write: boolean): void {
    this.eachPage(proc, va, length, write ? Access.Write : Access.Read, () => {});
  }

  /** Reads a NUL-terminated string at `va` (at most `limit` bytes before the NUL). Throws ProcessKilled on a bad pointer. */
  readString(proc: UserContext, va: number, limit = 4096): string {
    const chars: number[] = [];
    for (let addr = va; ; ) {
      const pa = this.translate(proc, addr, Access.Read);
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
  private eachPage(proc: UserContext, va: number, length: number, access: Access, use: (pa: number, done: number, n: number) => void): void {
    if (length < 0) throw new ProcessKilled(`negative length ${length}`);
    let done = 0;
    while (done < length) {
      const addr = va + done;
      const n = Math.min(length - done, PAGE - (addr % PAGE));
      use(this.translate(proc, addr, access), done, n);
      done += n;
    }
  }

  /** Physical address of user address `va` for `access`, resolving page faults through the VM. */
  private translate(proc: UserContext, va: number, access: Access): number {
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
      }
    }
    throw new Error(`internal error: page at 0x${va.toString(16)} still faults after it was resolved`);
  }
}
