// C spelling of characters and strings for display: printable ASCII as is, the usual escapes,
// other bytes in octal, as gdb prints them.

const NAMED: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\e', 92: '\\\\' };

/** One byte as it appears inside quotes `quote` (`'` or `"`). */
export function escapeByte(byte: number, quote: string): string {
  const b = byte & 0xff;
  if (NAMED[b] !== undefined) return NAMED[b];
  if (String.fromCharCode(b) === quote) return `\\${quote}`;
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return `\\${b.toString(8).padStart(3, '0')}`;
}

/** `'A'`, `'\n'`, `'\310'`: a character literal for byte `byte`. */
export function charLiteral(byte: number): string {
  return `'${escapeByte(byte, "'")}'`;
}

/** `"hello"`: a string literal for `bytes` (no terminating NUL expected). */
export function stringLiteral(bytes: ArrayLike<number>): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) out += escapeByte(bytes[i], '"');
  return `${out}"`;
}

/** `0x1f`: an address or unsigned number in hex. */
export function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}
