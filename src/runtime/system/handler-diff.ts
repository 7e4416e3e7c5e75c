// What a kernel's page-fault handler changed: the thread's supplemental page table, its hardware
// page table and the kernel's frame table, captured when the fault is raised and again when the
// handler returns to the faulting instruction, compared entry by entry.
import type { FrameTableView, MappingView, SptEntryView } from '../../shared/vm-views';

/** The VM state of one thread at one moment; a part is undefined when it could not be read. */
export interface VmCapture {
  spt?: SptEntryView[];
  mappings?: MappingView[];
  frames?: FrameTableView['frames'];
}

/** The differences, in words (one line each), and the pages whose SPT entry the handler added or changed. */
export interface VmDiff {
  lines: string[];
  changedPages: Map<number, 'added' | 'changed'>;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** An SPT entry in a few words. */
function page(e: SptEntryView): string {
  const parts = [String(e.guestKind ?? e.kind), e.state];
  if (e.kva !== undefined) parts.push(`kva ${String(e.kva)}`);
  return parts.join(', ');
}

/** Compares `before` and `after` (captures of the same thread). */
export function diffVm(before: VmCapture, after: VmCapture): VmDiff {
  const lines: string[] = [];
  const changedPages = new Map<number, 'added' | 'changed'>();
  if (before.spt && after.spt) {
    const old = new Map(before.spt.map((e) => [e.va, e]));
    const now = new Map(after.spt.map((e) => [e.va, e]));
    for (const [va, e] of now) {
      const was = old.get(va);
      if (!was) {
        lines.push(`SPT: added page ${hex(va)} (${page(e)})`);
        changedPages.set(va, 'added');
      } else if (page(was) !== page(e)) {
        lines.push(`SPT: page ${hex(va)} ${page(was)} → ${page(e)}`);
        changedPages.set(va, 'changed');
      }
    }
    for (const va of old.keys()) if (!now.has(va)) lines.push(`SPT: removed page ${hex(va)}`);
  } else if (after.spt === undefined) lines.push('SPT: could not be read after the handler');
  if (before.mappings && after.mappings) {
    const old = new Map(before.mappings.map((m) => [m.va, m]));
    for (const m of after.mappings) {
      const was = old.get(m.va);
      if (!was) lines.push(`page table: ${hex(m.va)} mapped to ${hex(m.pa)} (${m.flags})`);
      else if (was.entry !== m.entry) lines.push(`page table: ${hex(m.va)} entry ${was.entry} → ${m.entry}`);
      old.delete(m.va);
    }
    for (const m of old.values()) lines.push(`page table: ${hex(m.va)} unmapped (was ${hex(m.pa)})`);
  }
  if (before.frames && after.frames) {
    const old = new Set(before.frames.map((f) => f.pa));
    const now = new Set(after.frames.map((f) => f.pa));
    for (const f of after.frames) if (!old.has(f.pa)) lines.push(`frame table: took frame ${hex(f.pa)}${f.owners[0] ? ` for page ${hex(f.owners[0].page)}` : ''}`);
    for (const f of before.frames) if (!now.has(f.pa)) lines.push(`frame table: gave back frame ${hex(f.pa)}`);
  }
  if (lines.length === 0) lines.push('nothing changed in the SPT, the page table or the frame table');
  return { lines, changedPages };
}
