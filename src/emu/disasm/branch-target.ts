// Spells an absolute code address the way objdump does: `401234 <main+0x12>` when a symbol lookup
// names it, `0x401234` otherwise.

/** Resolves an address to `sym` or `sym+0xNN`, or undefined when nothing names it. */
export type Symbolizer = (address: number) => string | undefined;

const TWO47 = 2 ** 47;

/**
 * Returns the digits of a 48-bit linear address as a 64-bit one: addresses from 2^47 up are the
 * upper canonical half (a branch that wrapped below 0), printed with their sign extension the
 * way objdump computes targets, `ffffffff…`.
 */
function canonicalDigits(address: number): string {
  return address >= TWO47 ? 'ffff' + address.toString(16).padStart(12, '0') : address.toString(16);
}

/** Returns `addr <sym>` (no `0x`) when `symbolize` names the address, else `0x…`. */
export function spellAddress(address: number, symbolize: Symbolizer | undefined): string {
  const name = symbolize?.(address);
  return name === undefined ? '0x' + canonicalDigits(address) : `${canonicalDigits(address)} <${name}>`;
}
