// The user address-space layout the VM enforces (PINTOS-ABI.md §1 and §6): page size, the end of
// user space, the stack top and the 1 MiB stack limit.

export const PAGE_SIZE = 4096;
/** First kernel address: user addresses lie below it. */
export const KERN_BASE = 0x80_0400_0000;
/** Top of the user stack; the first stack page is [USER_STACK - PAGE_SIZE, USER_STACK). */
export const USER_STACK = 0x4748_0000;
/** How far the stack may grow: [USER_STACK - STACK_LIMIT, USER_STACK). */
export const STACK_LIMIT = 1 << 20;
/** Lowest address a stack page may have. */
export const STACK_BOTTOM = USER_STACK - STACK_LIMIT;
/** How far below rsp an access may fault and still grow the stack (a push writes at rsp - 8). */
export const STACK_SLACK = 8;

/** Returns the base address of the page holding `va`. */
export function pageDown(va: number): number {
  return va - (va % PAGE_SIZE);
}

/** Returns `n` rounded up to a multiple of the page size. */
export function pageUp(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}

/** True when `va` is a user address: a non-negative safe integer below KERN_BASE. */
export function isUserAddress(va: number): boolean {
  return Number.isSafeInteger(va) && va >= 0 && va < KERN_BASE;
}

/** Returns `n` as 0x-prefixed hex, for messages. */
export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
