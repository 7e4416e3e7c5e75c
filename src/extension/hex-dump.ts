// The text of a memory dump: `address  hex bytes  |characters|` rows, narrow enough (45
// columns for user addresses) to read whole in an editor opened beside the source.

/** Bytes per row of a dump. */
export const DUMP_ROW_BYTES = 8;

/**
 * Formats `bytes` read at `base` as rows of DUMP_ROW_BYTES: the address (8 hex digits, or 12
 * when the dump reaches past 4 GiB), two spaces, the bytes in hex, two spaces, and the bytes as
 * printable ASCII between bars (others as '.'). The last row is padded so its bars line up.
 */
export function hexDump(base: number, bytes: Uint8Array): string {
  const digits = base + bytes.length > 2 ** 32 ? 12 : 8;
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += DUMP_ROW_BYTES) {
    const row = [...bytes.subarray(off, off + DUMP_ROW_BYTES)];
    const hexPart = row.map((b) => b.toString(16).padStart(2, '0')).join(' ').padEnd(DUMP_ROW_BYTES * 3 - 1, ' ');
    const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('').padEnd(DUMP_ROW_BYTES, ' ');
    lines.push(`${(base + off).toString(16).padStart(digits, '0')}  ${hexPart}  |${ascii}|`);
  }
  return lines.join('\n') + '\n';
}
