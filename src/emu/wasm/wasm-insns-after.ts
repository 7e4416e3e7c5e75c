// What a WebAssembly region does after an instruction it compiled natively.

/** Go on with the next instruction, or take the rip the instruction put in the region's rip local. */
export const enum After {
  NEXT = 0,
  /** the instruction set the region's rip local (a branch) */
  BRANCHED = 1,
}
