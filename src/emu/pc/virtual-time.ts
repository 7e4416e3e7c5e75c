// Virtual time: the devices of the PC platform never read a host clock. The machine counts
// retired instructions and turns the count into virtual nanoseconds at a fixed, configurable rate;
// the devices are told that time and report when their next interrupt falls due.

export const NS_PER_SECOND = 1_000_000_000;

/** Converts between retired instructions and virtual nanoseconds at `instructionsPerSecond`. */
export class VirtualClock {
  /** Throws when the rate is not a positive safe integer (a configuration error of the caller). */
  constructor(readonly instructionsPerSecond: number) {
    if (!Number.isSafeInteger(instructionsPerSecond) || instructionsPerSecond <= 0) {
      throw new Error(`virtual clock: instructions per second must be a positive integer, not ${instructionsPerSecond}`);
    }
  }

  /** The virtual time in ns once `instructions` have retired (rounded down). */
  nsAt(instructions: number): number {
    return mulDivFloor(instructions, NS_PER_SECOND, this.instructionsPerSecond);
  }

  /** The fewest retired instructions at which the virtual time has reached `ns`. */
  instructionsUntil(ns: number): number {
    return mulDivCeil(ns, this.instructionsPerSecond, NS_PER_SECOND);
  }
}

/** floor(a * b / c) exactly, for non-negative safe integers a, b and positive c. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const q = Math.floor(a / c);
  const r = a - q * c;
  const part = r * b;
  const low = Number.isSafeInteger(part) ? exactFloorDiv(part, c) : Number((BigInt(r) * BigInt(b)) / BigInt(c));
  return q * b + low;
}

/** ceil(a * b / c) exactly, for non-negative safe integers a, b and positive c. */
export function mulDivCeil(a: number, b: number, c: number): number {
  const q = Math.floor(a / c);
  const r = a - q * c;
  const part = r * b;
  if (!Number.isSafeInteger(part)) return q * b + Number((BigInt(r) * BigInt(b) + BigInt(c) - 1n) / BigInt(c));
  const low = exactFloorDiv(part, c);
  return q * b + (low * c === part ? low : low + 1);
}

/** floor(n / d) for safe non-negative integers, corrected for the rounding of the float division. */
function exactFloorDiv(n: number, d: number): number {
  let x = Math.floor(n / d);
  if (x * d > n) x--;
  else if ((x + 1) * d <= n) x++;
  return x;
}
