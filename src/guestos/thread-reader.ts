// A booted Pintos kernel's threads as a debugger names them: the `struct thread` on the CPU (see
// running-thread.ts) and those in the kernel's global thread lists, with their `tid` and `name`
// members and the context a thread off the CPU saved, read through DWARF. Read-only.
import type { CpuState } from '../emu/cpu/cpu-state';
import type { DebugInfo } from '../debuginfo';
import { stripTypedefs } from '../debuginfo';
import { readU64, readUnsigned, type GuestMemory } from './guest-memory';
import { runningThread, THREAD_MAGIC } from './running-thread';
import type { StructIndex } from './struct-index';

/** One kernel thread. */
export interface GuestThread {
  /** the thread's `tid`; 1 (Pintos's initial thread) when the struct has no tid or none is running yet */
  tid: number;
  /** `tid name`, or a description of the CPU's state when no thread is found */
  label: string;
  /** address of its `struct thread`, when found */
  address?: number;
  /** the thread's `name` member */
  name?: string;
}

/** Most characters read of a thread's name. */
const NAME_MAX = 32;

/** The `name` member (a char array) of the thread at `address`, or undefined. */
function threadName(mem: GuestMemory, types: StructIndex, address: number): string | undefined {
  const member = types.struct('thread')?.members.find((m) => m.name === 'name');
  if (member === undefined) return undefined;
  const bytes = mem.read(address + member.offset, NAME_MAX);
  if (bytes === undefined) return undefined;
  const end = bytes.indexOf(0);
  const text = Buffer.from(bytes.subarray(0, end < 0 ? bytes.length : end)).toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) ? text : undefined;
}

/** The thread's `tid` member as a signed int, or undefined. */
function threadId(mem: GuestMemory, types: StructIndex, address: number): number | undefined {
  const member = types.struct('thread')?.members.find((m) => m.name === 'tid');
  if (member === undefined) return undefined;
  try {
    return readUnsigned(mem, address + member.offset, 4, 'tid') | 0;
  } catch {
    return undefined;
  }
}

/**
 * The thread on the CPU. Before the kernel has a thread (early boot) or when the stack page
 * holds none, a thread 1 labelled "kernel (no thread yet)" stands for the CPU, so the debugger
 * always has a thread to show.
 */
export function currentGuestThread(cpu: CpuState, mem: GuestMemory, types: StructIndex): GuestThread {
  const address = runningThread(cpu, mem, types);
  if (address === undefined) return { tid: 1, label: 'kernel (no thread yet)' };
  const tid = threadId(mem, types, address);
  const name = threadName(mem, types, address);
  const id = tid !== undefined && tid > 0 ? tid : 1;
  return { tid: id, label: `${id} ${name ?? 'thread'}`, address, name };
}

/** Most elements walked in one list (a corrupt list cannot make the reader loop). */
const MAX_LIST = 4096;

/** The thread at `address` when its magic says it is one (or the struct has no magic). */
function isThread(mem: GuestMemory, types: StructIndex, address: number): boolean {
  const magic = types.struct('thread')?.members.find((m) => m.name === 'magic');
  if (magic === undefined) return false;
  try {
    return readUnsigned(mem, address + magic.offset, 4, 'magic') === THREAD_MAGIC;
  } catch {
    return false;
  }
}

/**
 * The threads held in the kernel's global lists (Pintos's ready list, a sleep list, all_list...):
 * every global `struct list` is walked, and an element that is a `struct list_elem` member of a
 * `struct thread` with a live magic number is that thread. Each thread once, in list order.
 */
export function listedGuestThreads(debug: DebugInfo, types: StructIndex, mem: GuestMemory): (GuestThread & { list: string })[] {
  const thread = types.struct('thread');
  const list = types.struct('list');
  const elem = types.struct('list_elem');
  if (!thread || !list || !elem) return [];
  const head = list.members.find((m) => m.name === 'head')?.offset;
  const tail = list.members.find((m) => m.name === 'tail')?.offset;
  const next = elem.members.find((m) => m.name === 'next')?.offset;
  if (head === undefined || tail === undefined || next === undefined) return [];
  const links = thread.members.filter((m) => { const t = stripTypedefs(m.type); return t.kind === 'struct' && t.name === 'list_elem'; }).map((m) => m.offset);
  const found = new Map<number, GuestThread & { list: string }>();
  for (const g of debug.globals()) {
    const t = stripTypedefs(g.type);
    if (t.kind !== 'struct' || t.name !== 'list') continue;
    const symbol = debug.lookupSymbol(g.name);
    if (symbol === undefined) continue;
    try {
      const end = symbol.address + tail;
      let e = readU64(mem, symbol.address + head + next, g.name);
      for (let n = 0; e !== end && e !== 0 && n < MAX_LIST; n++, e = readU64(mem, e + next, g.name)) {
        for (const link of links) {
          const address = e - link;
          if (found.has(address) || !isThread(mem, types, address)) continue;
          const tid = threadId(mem, types, address) ?? 0;
          const name = threadName(mem, types, address);
          found.set(address, { tid, label: `${tid} ${name ?? 'thread'}`, address, name, list: g.name });
        }
      }
    } catch {
      // an unreadable list is skipped: the others may still name threads
    }
  }
  return [...found.values()];
}

/**
 * The kernel context a thread that is not running saved in its `tf` (a `struct intr_frame`:
 * `R` with the general registers, `rip`, `rsp`, `eflags`), as register values for the unwinder;
 * undefined when the struct has no such member or it cannot be read.
 */
export function savedThreadRegisters(types: StructIndex, mem: GuestMemory, address: number): Map<string, bigint> | undefined {
  const tf = types.struct('thread')?.members.find((m) => m.name === 'tf');
  const frame = types.struct('intr_frame');
  const gp = types.struct('gp_registers');
  if (!tf || !frame) return undefined;
  const base = address + tf.offset;
  const out = new Map<string, bigint>();
  try {
    for (const [name, reg] of [['rip', 'rip'], ['rsp', 'rsp'], ['eflags', 'rflags']] as const) {
      const m = frame.members.find((x) => x.name === name);
      if (m) out.set(reg, BigInt(readU64(mem, base + m.offset, name)));
    }
    const r = frame.members.find((x) => x.name === 'R');
    if (r && gp) for (const m of gp.members) if (m.name !== undefined) out.set(m.name, BigInt(readU64(mem, base + r.offset + m.offset, m.name)));
  } catch {
    return undefined;
  }
  return out.has('rip') && out.has('rsp') ? out : undefined;
}
