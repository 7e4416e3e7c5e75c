// Groups a process's supplemental page table into the regions a student reasons about: code,
// data/bss, stack and one group per mmap. Pure data; the tree view renders it.
import type { SptEntryView } from '../../shared/vm-views';
import { hex } from '../format';

/** One region of the address space with its pages, by increasing address. */
export interface SptGroup {
  /** stable id: 'code', 'data', 'stack', 'mmap@0x…', 'other' */
  id: string;
  label: string;
  entries: SptEntryView[];
}

const ORDER = ['code', 'data', 'stack'];

/** The mmap a page belongs to: its `mapping` start when given, else its file name. */
function mmapKey(e: SptEntryView): string {
  if (typeof e.mapping === 'number') return `mmap@${hex(e.mapping)}`;
  return `mmap:${e.file ?? '?'}`;
}

/** Which group an entry falls in. */
function groupId(e: SptEntryView): string {
  if (e.region === 'code') return 'code';
  if (e.region === 'data' || e.region === 'bss') return 'data';
  if (e.region === 'stack' || e.stack === true) return 'stack';
  if (e.region === 'mmap') return mmapKey(e);
  return 'other';
}

/** Human label of a group id, with the page count. */
function groupLabel(id: string, entries: SptEntryView[]): string {
  if (id === 'code') return 'code';
  if (id === 'data') return 'data / bss';
  if (id === 'stack') return 'stack';
  if (id.startsWith('mmap')) {
    const file = entries.find((e) => e.file !== undefined)?.file;
    return `mmap ${hex(entries[0].va)}${file !== undefined ? ` (${file})` : ''}`;
  }
  return 'other';
}

/** Returns the groups in the order code, data/bss, stack, mmaps by address, other. */
export function groupSpt(entries: readonly SptEntryView[]): SptGroup[] {
  const byId = new Map<string, SptEntryView[]>();
  for (const e of [...entries].sort((a, b) => a.va - b.va)) {
    const id = groupId(e);
    const list = byId.get(id) ?? [];
    list.push(e);
    byId.set(id, list);
  }
  const rank = (id: string) => {
    const i = ORDER.indexOf(id);
    if (i >= 0) return i;
    return id === 'other' ? ORDER.length + 1 : ORDER.length;
  };
  return [...byId.entries()]
    .sort(([a, ea], [b, eb]) => rank(a) - rank(b) || ea[0].va - eb[0].va)
    .map(([id, list]) => ({ id, label: groupLabel(id, list), entries: list }));
}

/** Resident pages of a group (in a frame). */
export function residentCount(group: SptGroup): number {
  return group.entries.filter((e) => e.state === 'in-frame').length;
}
