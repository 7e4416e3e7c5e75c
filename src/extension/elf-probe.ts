// Recognises the programs the debugger can run: 64-bit little-endian x86-64 executables (ELF
// type EXEC), judged from the first bytes of a file, never from its name.

/** Bytes of the ELF header this check needs. */
export const ELF_PROBE_BYTES = 20;

/**
 * True when `header` (the first ELF_PROBE_BYTES or more bytes of a file) starts an x86-64
 * ELF64 little-endian executable of type EXEC. False for anything shorter or different.
 */
export function isPintosExecutable(header: Uint8Array): boolean {
  if (header.length < ELF_PROBE_BYTES) return false;
  const magic = header[0] === 0x7f && header[1] === 0x45 && header[2] === 0x4c && header[3] === 0x46;
  const elf64 = header[4] === 2;
  const littleEndian = header[5] === 1;
  const type = header[16] | (header[17] << 8);
  const machine = header[18] | (header[19] << 8);
  return magic && elf64 && littleEndian && type === 2 && machine === 0x3e;
}
