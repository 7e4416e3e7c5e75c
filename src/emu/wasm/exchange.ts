// The words the WebAssembly tier's code and the JavaScript around it exchange through the control
// area of guest memory (memory/control-area.ts): the rip the dispatcher stopped at, the lazy-flag
// state while compiled blocks run, where a fault happened, and the "leave now" flag the slow paths
// raise. Byte offsets from the start of the exchange area.

/** rip to continue at (Float64), written by the dispatcher when it returns and by interpreted instructions */
export const X_RIP = 0;
/** cpu.flagOp while compiled blocks run (Int32) */
export const X_FLAG_OP = 8;
/** cpu.flagBits while compiled blocks run (Int32) */
export const X_FLAG_BITS = 12;
/** the instruction whose slow path is running (Int32): the faulting one if it throws; its block's
 *  table index times MAX_BLOCK plus its place in the block */
export const X_INSN = 16;
/** instructions the dispatcher completed before the block of X_INSN (Int32) */
export const X_DONE = 20;
/** non-zero when a slow path wrote decoded code, hit a watch or asked the run loop to stop (Int32) */
export const X_LEAVE = 24;
/** the rip the last block continues at (Int64), read by the dispatcher */
export const X_NEXT = 32;
