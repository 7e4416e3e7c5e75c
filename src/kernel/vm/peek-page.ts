// What a debugger reading a non-resident user page sees: the bytes from where the page lives now
// (its swap slot, its file with the zero-filled tail, or zeros for an anonymous page not yet
// touched) and a few words saying where that is. Reads the disks' bytes directly: no fault, no
// load, no eviction, no disk traffic counted, nothing changed.
import type { AddressSpace } from '../memory/address-space';
import type { FileSpan } from './page';
import { PAGE_SIZE } from './layout';
import type { SwapTable } from './swap-table';

/** The content of a page that is not in a frame, and where it came from. */
export interface PeekedPage {
  bytes: Uint8Array;
  /** e.g. `in swap slot 17`, `in file sample.txt at 0x1000, not loaded`, `not loaded, zero-filled` */
  origin: string;
}

/**
 * The content of the page at `va` of `space` when it has an SPT entry but no frame; undefined when
 * the page is resident (read it through the page tables) or not in the SPT at all (unmapped).
 */
export function peekAbsentPage(swap: SwapTable, space: AddressSpace, va: number): PeekedPage | undefined {
  const page = space.spt.get(va - (va % PAGE_SIZE));
  if (page === undefined || page.frame !== undefined) return undefined;
  const bytes = new Uint8Array(PAGE_SIZE);
  if (page.slot !== undefined && swap.disk !== undefined) {
    bytes.set(swap.disk.peekBytes(page.slot * PAGE_SIZE, PAGE_SIZE));
    return { bytes, origin: `in swap slot ${page.slot}` };
  }
  if (page.backing !== undefined) {
    copySpans(bytes, [page.backing]);
    return { bytes, origin: `in file ${describeSpans([page.backing])}` };
  }
  const spans = page.lazy?.spans ?? [];
  copySpans(bytes, spans);
  return { bytes, origin: spans.length > 0 ? `not loaded yet, from file ${describeSpans(spans)}` : 'not loaded yet, zero-filled' };
}

/** Copies each span to the start of the page, in order, as the UNINIT initializer and a FILE page's swap-in do. */
function copySpans(bytes: Uint8Array, spans: readonly FileSpan[]): void {
  for (const span of spans) span.file.peekAt(bytes, Math.min(span.length, bytes.length), span.offset);
}

function describeSpans(spans: readonly FileSpan[]): string {
  const first = spans[0];
  return `${first.name} at 0x${first.offset.toString(16)}`;
}
