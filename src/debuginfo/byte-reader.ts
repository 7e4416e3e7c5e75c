// Little-endian cursor over a byte array: fixed-size integers, LEB128, C strings, DWARF offsets.
// Every read checks bounds and throws DecodeError, which the public API turns into a warning.

/** Raised when a read runs past the end of its window or meets an impossible value. */
export class DecodeError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes a NUL-terminated string starting at `start`; a missing NUL ends at `end`. */
export function cStringAt(bytes: Uint8Array, start: number, end = bytes.length): string {
  if (start < 0 || start >= end) throw new DecodeError(`string offset 0x${start.toString(16)} out of range`);
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return utf8.decode(bytes.subarray(start, stop));
}

/** Reads values from `bytes[pos, end)`; `pos` advances with every read. */
export class ByteReader {
  pos: number;
  readonly end: number;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array, start = 0, end = bytes.length) {
    this.pos = start;
    this.end = Math.min(end, bytes.length);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when no bytes remain in the window. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Bytes left in the window. */
  remaining(): number {
    return Math.max(0, this.end - this.pos);
  }

  private need(count: number): number {
    const at = this.pos;
    if (count < 0 || at + count > this.end) {
      throw new DecodeError(`read of ${count} bytes at 0x${at.toString(16)} runs past 0x${this.end.toString(16)}`);
    }
    this.pos = at + count;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }
  i8(): number {
    return this.view.getInt8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  i16(): number {
    return this.view.getInt16(this.need(2), true);
  }
  u24(): number {
    const at = this.need(3);
    return this.bytes[at] | (this.bytes[at + 1] << 8) | (this.bytes[at + 2] << 16);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  /** 64-bit unsigned as a bigint (exact). */
  u64big(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }
  /** 64-bit signed as a bigint. */
  i64big(): bigint {
    return this.view.getBigInt64(this.need(8), true);
  }
  /** 64-bit unsigned as a number (exact below 2^53, which covers every address we meet). */
  u64(): number {
    const at = this.need(8);
    return this.view.getUint32(at, true) + this.view.getUint32(at + 4, true) * 0x100000000;
  }

  /** Unsigned integer of `size` bytes (1, 2, 4 or 8) as a number. */
  uint(size: number): number {
    switch (size) {
      case 1: return this.u8();
      case 2: return this.u16();
      case 4: return this.u32();
      case 8: return this.u64();
      default: throw new DecodeError(`unsupported integer size ${size}`);
    }
  }

  /** Unsigned LEB128 as a number (values above 2^53 lose precision). */
  uleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return result;
    }
  }

  /** Signed LEB128 as a number. */
  sleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) {
        if (byte & 0x40) result -= scale;
        return result;
      }
    }
  }

  /** Unsigned LEB128 as an exact bigint. */
  ulebBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) return result;
    }
  }

  /** Signed LEB128 as an exact bigint. */
  slebBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) {
        if (byte & 0x40) result -= 1n << shift;
        return result;
      }
    }
  }

  /** NUL-terminated UTF-8 string. */
  cstring(): string {
    const start = this.pos;
    let stop = start;
    while (stop < this.end && this.bytes[stop] !== 0) stop++;
    if (stop >= this.end) throw new DecodeError(`unterminated string at 0x${start.toString(16)}`);
    this.pos = stop + 1;
    return utf8.decode(this.bytes.subarray(start, stop));
  }

  /** The next `count` bytes as a view (no copy). */
  bytesView(count: number): Uint8Array {
    const at = this.need(count);
    return this.bytes.subarray(at, at + count);
  }

  skip(count: number): void {
    this.need(count);
  }

  /**
   * Reads a DWARF initial length: returns the unit's end position and its offset size
   * (4 for 32-bit DWARF, 8 for 64-bit DWARF).
   */
  initialLength(): { end: number; offsetSize: 4 | 8 } {
    const first = this.u32();
    if (first === 0xffffffff) {
      const length = this.u64();
      return { end: this.pos + length, offsetSize: 8 };
    }
    if (first >= 0xfffffff0) throw new DecodeError(`reserved unit length 0x${first.toString(16)}`);
    return { end: this.pos + first, offsetSize: 4 };
  }

  /** A section offset of the given size. */
  offset(offsetSize: 4 | 8): number {
    return offsetSize === 8 ? this.u64() : this.u32();
  }
}
