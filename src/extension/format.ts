// Text for addresses, page states and bits, shared by the tree views and the commands.
import type { FrameView, SptEntryView } from '../shared/vm-views';

/** `0x` + lowercase hex of a non-negative address. */
export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** `0x` + hex padded to 12 digits (user addresses), for aligned lists. */
export function hexAddress(n: number): string {
  return `0x${n.toString(16).padStart(12, '0')}`;
}

/** The page's kind as the student knows it: `anon`, `file`, or `uninit→anon`. */
export function pageKind(e: SptEntryView): string {
  return e.kind === 'uninit' && e.target !== undefined ? `uninit→${e.target}` : e.kind;
}

/** Where the page lives now: "not loaded", "frame 12", "swap slot 3" or "file-backed". */
export function pageState(e: SptEntryView): string {
  switch (e.state) {
    case 'in-frame':
      return e.frame !== undefined ? `frame ${e.frame}` : 'in a frame';
    case 'in-swap':
      return e.swapSlot !== undefined ? `swap slot ${e.swapSlot}` : 'in swap';
    case 'file-backed':
      return 'file-backed';
    default:
      return 'not loaded';
  }
}

/** "A D" style letters for accessed/dirty, with "-" for a clear bit. */
export function adBits(accessed: boolean, dirty: boolean): string {
  return `${accessed ? 'A' : '-'}${dirty ? 'D' : '-'}`;
}

/** One-line description of an SPT entry for a tree item's description. */
export function describePage(e: SptEntryView): string {
  // where the page is comes first: a narrow sidebar cuts the end of the line (the tooltip has it all)
  const parts = [pageState(e), pageKind(e), e.writable ? 'rw' : 'ro'];
  if (e.state === 'in-frame') parts.push(adBits(e.accessed, e.dirty));
  if (e.cow) parts.push(`COW×${e.cowShares ?? 2}`);
  return parts.join(' · ');
}

/** Multi-line tooltip of an SPT entry (Markdown-safe plain text lines). */
export function pageTooltip(e: SptEntryView): string {
  const lines = [
    `Page ${hex(e.va)} (${e.region})`,
    `Kind: ${pageKind(e)}`,
    `Writable: ${e.writable ? 'yes' : 'no'}`,
    `State: ${pageState(e)}`,
    `Accessed: ${e.accessed ? 'yes' : 'no'}, dirty: ${e.dirty ? 'yes' : 'no'}`,
  ];
  if (e.cow || (e.cowShares ?? 0) > 1) lines.push(`Copy-on-write: shared by ${e.cowShares ?? 2} pages`);
  if (e.file !== undefined) lines.push(`File: ${e.file} at offset ${hex(e.fileOffset ?? 0)}`);
  const load = loadEventOf(e);
  if (load !== undefined) lines.push(`Loaded by event #${load}`);
  return lines.join('\n');
}

/** Owners of a frame as "pid 3 @ 0x4000, pid 4 @ 0x4000". */
export function frameOwners(f: Pick<FrameView, 'owners'>): string {
  return f.owners.length === 0 ? 'no owner' : f.owners.map((o) => `pid ${o.pid} @ ${hex(o.page)}`).join(', ');
}

/** Seq of the event that loaded the page: `loadedBy`, or the kernel's own name `loadSeq`. */
export function loadEventOf(e: SptEntryView): number | undefined {
  if (typeof e.loadedBy === 'number') return e.loadedBy;
  return typeof e.loadSeq === 'number' ? e.loadSeq : undefined;
}

/** Instruction counts in words a glance can read: 950, 12.3 K, 4.56 M, 1.2 G. */
export function shortCount(n: number): string {
  if (n < 1_000) return String(n);
  const [value, unit] = n < 1e6 ? [n / 1e3, 'K'] : n < 1e9 ? [n / 1e6, 'M'] : [n / 1e9, 'G'];
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${unit}`;
}
