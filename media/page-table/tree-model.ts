// Builds the four-level page-table tree (PML4 → PDPT → PD → PT) of a process from its present
// leaf mappings, taking each upper-level entry's value and flags from a walk through it.
import type { MappingView, PageTablesView, PageWalkView, WalkLevelView } from '../../src/shared/vm-views';

export const LEVEL_NAMES = ['PML4', 'PDPT', 'PD', 'PT'] as const;
/** Bytes of virtual address space one entry of each level maps. */
export const SPANS = [2 ** 39, 2 ** 30, 2 ** 21, 2 ** 12];

/** A node: an upper-level entry with children, or a PT entry (leaf) with its mapping. */
export interface PtNode {
  id: string;
  /** 0 = PML4 … 3 = PT */
  depth: number;
  index: number;
  /** first virtual address the entry covers */
  va: number;
  entry?: WalkLevelView;
  mapping?: MappingView;
  children: PtNode[];
  /** leaves below */
  leaves: number;
}

/** The index into the table of `depth` for `va`. */
export function indexAt(va: number, depth: number): number {
  return Math.floor(va / SPANS[depth]) % 512;
}

/** Returns the roots (PML4 entries in use), children sorted by index. */
export function buildTree(tables: PageTablesView, walks: readonly PageWalkView[]): PtNode[] {
  const roots: PtNode[] = [];
  const byId = new Map<string, PtNode>();
  const entries = new Map<string, WalkLevelView>();
  for (const w of walks) {
    w.levels.forEach((level, depth) => {
      if (depth < 3) entries.set(pathId(w.va, depth), level);
    });
  }
  for (const m of [...tables.mappings].sort((a, b) => a.va - b.va)) {
    let siblings = roots;
    for (let depth = 0; depth < 4; depth++) {
      const id = pathId(m.va, depth);
      let node = byId.get(id);
      if (node === undefined) {
        node = { id, depth, index: indexAt(m.va, depth), va: m.va - (m.va % SPANS[depth]), children: [], leaves: 0 };
        const entry = entries.get(id);
        if (entry !== undefined) node.entry = entry;
        if (depth === 3) node.mapping = m;
        byId.set(id, node);
        siblings.push(node);
      }
      node.leaves++;
      siblings = node.children;
    }
  }
  return roots;
}

/** Id of the entry of `depth` on the walk of `va`: the indexes down to it, e.g. "0.1.2". */
export function pathId(va: number, depth: number): string {
  const parts: number[] = [];
  for (let d = 0; d <= depth; d++) parts.push(indexAt(va, d));
  return parts.join('.');
}
