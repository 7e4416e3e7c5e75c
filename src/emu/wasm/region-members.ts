// Which decoded blocks of a code page go into one WebAssembly region: the block that just became
// hot first, then the page's other blocks, most run first, up to a size that compiles quickly.
import type { Block } from '../block-cache';

/** Most instructions in one region. */
export const MAX_REGION_INSNS = 2048;

/** The members of the region to compile for `hot` (one of `page`: the cached blocks of its page at
 *  its linear page), in address order. */
export function chooseWasmRegion(hot: Block, page: readonly Block[]): Block[] {
  const others = page.filter((b) => b !== hot).sort((a, b) => b.runs - a.runs);
  const members = [hot];
  let size = hot.insns.length;
  for (const b of others) {
    if (size + b.insns.length > MAX_REGION_INSNS) continue;
    members.push(b);
    size += b.insns.length;
  }
  return members.sort((a, b) => a.va - b.va);
}
