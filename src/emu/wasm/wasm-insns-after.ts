// What a WebAssembly block function does after an instruction it compiled natively.

/** Go on with the next instruction, or take the rip the instruction put in the block's rip local. */
export const enum After {
  NEXT = 0,
  /** the instruction set the block's rip local (a branch) */
  BRANCHED = 1,
}
