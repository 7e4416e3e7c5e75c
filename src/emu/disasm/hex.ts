// Hexadecimal spellings of numbers as objdump prints them: `0x` + lowercase digits, no padding.

/** Returns `0x…` for a non-negative integer below 2^53. */
export function hex(value: number): string {
  return '0x' + value.toString(16);
}

/** Returns `0x…` for the 64-bit two's-complement pattern held as two int32 halves, masked to `bytes` bytes. */
export function hexMasked(hi: number, lo: number, bytes: number): string {
  if (bytes >= 8) {
    const high = hi >>> 0;
    if (high === 0) return hex(lo >>> 0);
    return '0x' + high.toString(16) + (lo >>> 0).toString(16).padStart(8, '0');
  }
  const mask = bytes === 4 ? 0xffffffff : bytes === 2 ? 0xffff : 0xff;
  return hex((lo & mask) >>> 0);
}

/** Returns `0x…` or `-0x…` for a signed displacement (objdump's spelling of a memory offset). */
export function signedHex(value: number): string {
  return value < 0 ? '-' + hex(-value) : hex(value);
}

/** Returns `0x…` for a signed 64-bit number held in a JS number: negative values print as their 64-bit pattern. */
export function hex64(value: number): string {
  if (value >= 0) return hex(value);
  return '0x' + BigInt.asUintN(64, BigInt(value)).toString(16);
}
