// The kernel's access to user memory inside system calls. Every access goes through the MMU
// with the process's page table, page by page; a fault is resolved by the VM subsystem exactly as
// a user fault would be (lazy load, stack growth using the rsp saved at syscall entry, swap-in,
// copy-on-write), and an unresolvable one kills the process with exit(-1).
//
// Exact stops: every accessor is work that pauses at each event of a fault it resolves that a
// debugger stops on, the fault's last event included (see steps.ts). A system call using them
// pauses there too and waits, in the middle, until the process resumes, so the stop shows the
// machine at that event. Each pause names what the call is doing, e.g. "checking the user buffer
// (writable), page fault at 0x4747c000: evicting frame 12 (page 0x4747f000 of pid 1)".
import { Access, PageFault, PfError, type MemoryBus } from '../../emu/memory/contract';
import type { PhysicalMemory } from '../../emu/memory/physical-memory';
import type { Steps } from '../steps';
import type { AddressSpace, VirtualMemory } from '../vm/virtual-memory';
import { KERN_BASE } from './elf';

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
    private readonly stopRequested: () => boolean,
  ) {}

  /** Copies `length` bytes at user address `va` into a new array. Throws ProcessKilled on a bad pointer. Pauses at fault events. */
  *copyIn(proc: UserContext, va: number, length: number): Steps<Uint8Array> {
    checkLength(length);
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const n = pieceLength(va + done, length - done);
      const pa = yield* this.translate(proc, va + done, Access.Read, 'copying from the user buffer');
      out.set(this.phys.readBytes(pa, n), done);
      done += n;
    }
    return out;
  }

  /** Copies `bytes` to user address `va`. Throws ProcessKilled on a bad pointer or a read-only page. Pauses at fault events. */
  *copyOut(proc: UserContext, va: number, bytes: Uint8Array): Steps<void> {
    for (let done = 0; done < bytes.length; ) {
      const n = pieceLength(va + done, bytes.length - done);
      const pa = yield* this.translate(proc, va + done, Access.Write, 'copying into the user buffer');
      this.phys.writeBytes(pa, bytes.subarray(done, done + n));
      done += n;
    }
  }

  /** Checks that [va, va+length) is readable (or writable) user memory, faulting pages in as needed. Pauses at fault events. */
  *check(proc: UserContext, va: number, length: number, write: boolean): Steps<void> {
    checkLength(length);
    const doing = `checking the user buffer (${write ? 'writable' : 'readable'})`;
    for (let done = 0; done < length; ) {
      const n = pieceLength(va + done, length - done);
      yield* this.translate(proc, va + done, write ? Access.Write : Access.Read, doing);
      done += n;
    }
  }

  /** Reads a NUL-terminated string at `va` (at most `limit` bytes before the NUL). Throws ProcessKilled on a bad pointer. Pauses at fault events. */
  *readString(proc: UserContext, va: number, limit = 4096): Steps<string> {
    const chars: number[] = [];
    for (let addr = va; ; ) {
      const pa = yield* this.translate(proc, addr, Access.Read, 'reading a string argument');
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

  /** Physical address of user address `va` for `access`, resolving page faults through the VM (`doing` names the access). */
  private *translate(proc: UserContext, va: number, access: Access, doing: string): Steps<number> {
    if (!Number.isSafeInteger(va) || va < 0 || va >= KERN_BASE) {
      throw new ProcessKilled(`bad user pointer 0x${Math.max(0, va).toString(16)} (kernel address)`);
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const result = this.tryTranslate(va, access);
      if (!(result instanceof PageFault)) return result;
      yield* this.resolve(proc, va, result, doing);
    }
    throw new Error(`internal error: page at 0x${va.toString(16)} still faults after it was resolved`);
  }

  /** The MMU's translation of `va`, or the page fault it raised. */
  private tryTranslate(va: number, access: Access): number | PageFault {
    try {
      return this.mem.translate(va, access, false);
    } catch (e) {
      if (e instanceof PageFault) return e;
      throw e;
    }
  }

  /** Resolves fault `e` of an access to `va`, pausing after each of its events; throws ProcessKilled when it is invalid. */
  private *resolve(proc: UserContext, va: number, e: PageFault, doing: string): Steps<void> {
    const steps = this.vm.faultSteps(proc.space, {
      addr: e.addr,
      write: (e.errorCode & PfError.Write) !== 0,
      user: false,
      present: (e.errorCode & PfError.Present) !== 0,
      fetch: false,
      errorCode: e.errorCode,
      rsp: proc.syscallRsp,
      rip: this.currentRip(),
    });
    const where = `${doing}, page fault at 0x${e.addr.toString(16)}`;
    for (;;) {
      const step = steps.next();
      if (step.done) {
        if (!step.value) throw new ProcessKilled(`bad user pointer 0x${va.toString(16)}`);
        break;
      }
      yield `${where}: ${step.value}`;
    }
    if (this.stopRequested()) yield `${where}: resolved`;
  }
}

/** Throws ProcessKilled on a negative length. */
function checkLength(length: number): void {
  if (length < 0) throw new ProcessKilled(`negative length ${length}`);
}

/** Bytes of a `left`-byte access at `addr` that lie in its page. */
function pieceLength(addr: number, left: number): number {
  return Math.min(left, PAGE - (addr % PAGE));
}
