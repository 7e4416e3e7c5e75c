// A small machine for driving the VM subsystem directly: RAM with a kernel pool and a tiny user
// pool, a swap disk, a file system, an event log, and user accesses made through the MMU the way
// the CPU makes them (a fault is handed to the VM and the access retried).
import { Access, PageFault, PfError } from '../../../src/emu/memory/contract';
import { MemorySystem } from '../../../src/emu/memory/memory-system';
import type { PhysicalMemory } from '../../../src/emu/memory/physical-memory';
import { BlockDevice } from '../../../src/kernel/devices/block-device';
import { EventBus, type KernelEvent } from '../../../src/kernel/events';
import { FileSystem } from '../../../src/kernel/filesys/filesys';
import { FramePool } from '../../../src/kernel/memory/frame-pool';
import { VirtualMemory, type AddressSpace, type EvictionPolicyName } from '../../../src/kernel/vm/virtual-memory';

export const KERN_BASE = 0x80_0400_0000;
export const USER_STACK = 0x4748_0000;
export const PAGE = 4096;

export interface MachineOptions {
  userFrames?: number;
  kernelFrames?: number;
  /** swap slots (8 sectors each); 0 = no swap disk */
  swapSlots?: number;
  policy?: EvictionPolicyName;
  seed?: number;
}

export interface Machine {
  phys: PhysicalMemory;
  mem: MemorySystem;
  userPool: FramePool;
  kernelPool: FramePool;
  swapDisk: BlockDevice | undefined;
  events: EventBus;
  log: KernelEvent[];
  fs: FileSystem;
  vm: VirtualMemory;
}

/** Builds a machine; every VM operation runs the invariant checker. */
export function makeMachine(o: MachineOptions = {}): Machine {
  const userFrames = o.userFrames ?? 8;
  const kernelFrames = o.kernelFrames ?? 64;
  const kernelBase = 16 * PAGE;
  const userBase = kernelBase + kernelFrames * PAGE;
  const mem = new MemorySystem(userBase + userFrames * PAGE);
  const phys = mem.phys;
  const kernelPool = new FramePool('kernel', kernelBase, kernelFrames);
  const userPool = new FramePool('user', userBase, userFrames);
  const swapSlots = o.swapSlots ?? 32;
  const swapDisk = swapSlots > 0 ? new BlockDevice('hd1:1', swapSlots * 8) : undefined;
  const events = new EventBus(() => ({ icount: 0, rip: 0 }));
  const log: KernelEvent[] = [];
  events.listen((e) => {
    log.push(e);
  });
  const fs = new FileSystem(new BlockDevice('hd0:1', 20160));
  const vm = new VirtualMemory({
    mem,
    phys,
    userPool,
    kernelPool,
    swapDisk,
    events,
    policy: o.policy ?? 'clock',
    seed: o.seed ?? 1,
    checkInvariants: true,
    kernBase: KERN_BASE,
  });
  return { phys, mem, userPool, kernelPool, swapDisk, events, log, fs, vm };
}

/** Thrown by the user-access functions below when the VM refuses a fault (the process would be killed). */
export class Killed extends Error {
  constructor(readonly reason: string) {
    super(`killed: ${reason}`);
  }
}

/** Options of a user access. */
export interface AccessOptions {
  /** rsp at the access (default: just below the first stack page's top) */
  rsp?: number;
  /** the access is made by the kernel inside a system call */
  kernel?: boolean;
}

/** Translates `va` for `access` in `space` (made current), resolving faults like the CPU would. */
export function translate(m: Machine, space: AddressSpace, va: number, access: Access, opts: AccessOptions = {}): number {
  if (m.mem.root !== space.pml4) m.vm.activate(space);
  const user = opts.kernel !== true;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return m.mem.translate(va, access, user);
    } catch (e) {
      if (!(e instanceof PageFault)) throw e;
      const ok = m.vm.handleFault(space, {
        addr: e.addr,
        write: (e.errorCode & PfError.Write) !== 0,
        user,
        present: (e.errorCode & PfError.Present) !== 0,
        fetch: access === Access.Execute,
        errorCode: e.errorCode,
        rsp: opts.rsp ?? USER_STACK - 64,
        rip: 0x401000,
      });
      if (!ok) {
        const last = [...m.log].reverse().find((ev) => ev.kind === 'page-fault');
        throw new Killed(last?.kind === 'page-fault' ? last.detail : 'unknown');
      }
    }
  }
  throw new Error(`0x${va.toString(16)} still faults after resolution`);
}

/** Writes `bytes` at user address `va` of `space`, page by page. */
export function writeUser(m: Machine, space: AddressSpace, va: number, bytes: Uint8Array, opts: AccessOptions = {}): void {
  for (let done = 0; done < bytes.length; ) {
    const n = Math.min(bytes.length - done, PAGE - ((va + done) % PAGE));
    const pa = translate(m, space, va + done, Access.Write, opts);
    m.phys.writeBytes(pa, bytes.subarray(done, done + n));
    done += n;
  }
}

/** Reads `length` bytes at user address `va` of `space`. */
export function readUser(m: Machine, space: AddressSpace, va: number, length: number, opts: AccessOptions = {}): Uint8Array {
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const n = Math.min(length - done, PAGE - ((va + done) % PAGE));
    const pa = translate(m, space, va + done, Access.Read, opts);
    out.set(m.phys.readBytes(pa, n), done);
    done += n;
  }
  return out;
}

/** Bytes of a string. */
export function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** A string of bytes, up to the first NUL. */
export function str(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/** A page-sized pattern derived from `seed` (distinct per seed). */
export function pattern(seed: number, length = PAGE): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (seed * 31 + i * 7 + (i >> 8)) & 0xff;
  return out;
}

/** Everything a leak check compares: pools, swap, open files, live spaces. */
export function usage(m: Machine): { user: number; kernel: number; swap: number; files: number; spaces: number } {
  return { user: m.userPool.inUse, kernel: m.kernelPool.inUse, swap: m.vm.usage.swapSlots, files: m.fs.openFileInodes, spaces: m.vm.liveSpaces };
}

/** The events of `kind` logged so far. */
export function eventsOf<K extends KernelEvent['kind']>(m: Machine, kind: K): Extract<KernelEvent, { kind: K }>[] {
  return m.log.filter((e): e is Extract<KernelEvent, { kind: K }> => e.kind === kind);
}
