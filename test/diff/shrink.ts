// Shrinks a mismatching case: drops whole units, then the memory patches, for as long as the
// smaller case still mismatches, so the reproducer shows only what matters.
import { GeneratedCase, buildCase } from './generator';
import type { Unit } from './sequence';

/** Says whether a candidate case still shows the mismatch. */
export type StillFails = (c: GeneratedCase) => boolean;

/**
 * Returns the smallest case found by greedily dropping units (one at a time, repeating until no
 * drop keeps the mismatch) and then the patches. Candidates that do not assemble, or in which an
 * instruction would read an undefined flag, are skipped. Returns `c` itself when nothing can go.
 */
export function shrink(c: GeneratedCase, stillFails: StillFails): GeneratedCase {
  let best = c;
  let progress = true;
  while (progress && best.units.length > 1) {
    progress = false;
    for (let i = best.units.length - 1; i >= 0 && best.units.length > 1; i--) {
      const units: Unit[] = best.units.filter((_, k) => k !== i);
      const cand = buildCase(best.index, units, best.init);
      if (cand && !cand.flags.readsUndefined && stillFails(cand)) {
        best = cand;
        progress = true;
      }
    }
  }
  if (best.init.patches.length > 0) {
    const cand = buildCase(best.index, best.units, { ...best.init, patches: [] });
    if (cand && stillFails(cand)) best = cand;
  }
  return best;
}
