// A small seeded pseudo-random generator (sfc32), so every differential run is reproducible from
// its seed, plus pickers for the values that find bugs (edges of every operand size).

/** Seeded generator of 32-bit values and the choices built on them. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** Creates a generator whose whole stream is determined by `seed`. */
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = seed >>> 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Returns the next value in [0, 2^32). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Returns an integer in [0, n); n must be a positive integer below 2^32. */
  int(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** Returns true with probability p. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Returns a uniformly random 64-bit value. */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }

  /**
   * Returns a 64-bit value biased towards edges: 0, 1, -1, the sign and carry boundaries of 8, 16,
   * 32 and 64 bits, small numbers, and otherwise uniform bits (sometimes only in the low `bits`).
   */
  interesting(): bigint {
    const r = this.int(10);
    if (r < 4) return this.u64();
    if (r === 4) return (BigInt(this.int(64)) - 32n) & 0xffff_ffff_ffff_ffffn;
    if (r === 5) {
      const bits = this.pick([8, 16, 32, 64]);
      const base = this.pick([0n, 1n << BigInt(bits - 1), 1n << BigInt(bits)]);
      return (base + BigInt(this.int(5)) - 2n) & 0xffff_ffff_ffff_ffffn;
    }
    if (r === 6) return this.u64() & this.pick([0xffn, 0xffffn, 0xffff_ffffn]);
    if (r === 7) return this.pick([0n, 1n, 0xffff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn]);
    if (r === 8) return 1n << BigInt(this.int(64));
    return this.u64() >> BigInt(this.int(64));
  }
}
