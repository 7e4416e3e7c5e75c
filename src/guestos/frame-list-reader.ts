// Reads a booted Pintos kernel's frame table through its DWARF: the global `struct list` of
// `struct frame` (found by name, or as the one global list whose name mentions frames), each
// frame's `kva` and the `va` of the page it holds. Read-only.
import type { DebugInfo } from '../debuginfo';
import { stripTypedefs } from '../debuginfo';
import { GuestReadError, readU64, type GuestMemory } from './guest-memory';
import { memberOf, type StructIndex } from './struct-index';

/** One frame of the guest's frame table. */
export interface GuestFrame {
  /** address of the kernel's `struct frame` */
  address: number;
  kva: number;
  /** the `struct page` it holds, and that page's user address */
  page?: number;
  va?: number;
}

/** The frames, or what the reader could not find. */
export type FrameListRead = { ok: true; global: string; frames: GuestFrame[] } | { ok: false; missing: string };

const MAX_FRAMES = 1 << 22;

/** The global holding the frame list: `name` when given, else the one global `struct list` whose
 *  name mentions "frame". */
function frameListGlobal(debug: DebugInfo, name: string | undefined): string | { missing: string } {
  if (name !== undefined) return name;
  const lists = debug.globals().filter((g) => {
    const t = stripTypedefs(g.type);
    return t.kind === 'struct' && t.name === 'list' && /frame/i.test(g.name);
  });
  if (lists.length === 1) return lists[0].name;
  return { missing: lists.length === 0 ? 'a global struct list of frames (a global whose name mentions "frame")' : `one global list of frames (found ${lists.map((g) => g.name).join(', ')}: name the one to read)` };
}

/**
 * Reads the frame list held in global `name` (or the one found as above). Fails with a message
 * naming what the kernel's DWARF or symbols lack, or where memory could not be read.
 */
export function readFrameList(debug: DebugInfo, types: StructIndex, mem: GuestMemory, name?: string): FrameListRead {
  const global = frameListGlobal(debug, name);
  if (typeof global !== 'string') return { ok: false, missing: global.missing };
  const symbol = debug.lookupSymbol(global);
  if (symbol === undefined) return { ok: false, missing: `the symbol ${global} in the kernel` };
  const [listT, elemT, frameT] = ['list', 'list_elem', 'frame'].map((n) => types.struct(n));
  if (!listT || !elemT || !frameT) return { ok: false, missing: "struct list, list_elem and frame in the kernel's debug information" };
  const head = memberOf(listT, '', 'head')?.offset;
  const tail = memberOf(listT, '', 'tail')?.offset;
  const next = memberOf(elemT, '', 'next')?.offset;
  const link = memberOf(frameT, 'list_elem')?.offset;
  const kva = memberOf(frameT, '', 'kva')?.offset;
  if (head === undefined || tail === undefined || next === undefined) return { ok: false, missing: 'head, tail and next in struct list and list_elem' };
  if (link === undefined || kva === undefined) return { ok: false, missing: 'a struct list_elem member and kva in struct frame' };
  const page = memberOf(frameT, '', 'page')?.offset;
  const va = types.struct('page')?.members.find((m) => m.name === 'va')?.offset;
  try {
    const frames: GuestFrame[] = [];
    const end = symbol.address + tail;
    for (let e = readU64(mem, symbol.address + head + next, 'the first frame'); e !== end; e = readU64(mem, e + next, 'a list element')) {
      if (frames.length >= MAX_FRAMES) return { ok: false, missing: `an end to the list in ${global}` };
      const f = e - link;
      const entry: GuestFrame = { address: f, kva: readU64(mem, f + kva, 'a frame\'s kva') };
      if (page !== undefined) {
        const p = readU64(mem, f + page, 'a frame\'s page');
        if (p !== 0) {
          entry.page = p;
          if (va !== undefined) entry.va = readU64(mem, p + va, 'a page\'s va');
        }
      }
      frames.push(entry);
    }
    return { ok: true, global, frames };
  } catch (e) {
    if (e instanceof GuestReadError) return { ok: false, missing: `readable memory: ${e.message}` };
    throw e;
  }
}
