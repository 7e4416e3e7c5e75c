// The PC's I/O port space: 65,536 byte-addressed ports that `in` and `out` reach. Devices claim
// ranges of ports; an access a device does not take at its width is split into byte accesses
// (little-endian), as an ISA bus does. Ports nobody claims read as all ones and ignore writes, as
// under QEMU, and the bus keeps a summary of them for a debugger's log.

/** The width of a port access in bytes. */
export type AccessSize = 1 | 2 | 4;

/** A device's side of the bus. `port` is the absolute port number, the first of `size` bytes. */
export interface PortHandler {
  /** Returns the value read (only the low `size` bytes are used). */
  read(port: number, size: AccessSize): number;
  /** Takes a write of the low `size` bytes of `value`. */
  write(port: number, size: AccessSize, value: number): void;
}

/** A claim on ports `first` .. `first + count - 1`. */
export interface PortRange {
  first: number;
  count: number;
  /** Shown in error messages and logs, e.g. "pic-master". */
  name: string;
  handler: PortHandler;
  /** Widths the handler takes whole (default: bytes only); others are split into bytes. */
  sizes?: readonly AccessSize[];
}

/** What the bus saw of one unclaimed port. */
export interface UnassignedPortUse {
  port: number;
  reads: number;
  writes: number;
  /** The value of the last write (its low byte; writes are split to bytes here). */
  lastWrite: number | undefined;
}

const ALL_ONES = [0, 0xff, 0xffff, 0, 0xffff_ffff];

/** Dispatches port accesses to the devices that claimed them. */
export class PortBus {
  /** slot of each port: 0 = unclaimed, else index + 1 into `ranges` */
  private readonly owner = new Uint16Array(0x10000);
  private readonly ranges: PortRange[] = [];
  private readonly unassigned = new Map<number, UnassignedPortUse>();

  /** Claims a range. Throws (a wiring bug) when it leaves the port space or overlaps a claim. */
  register(range: PortRange): void {
    const { first, count, name } = range;
    if (!Number.isInteger(first) || !Number.isInteger(count) || count < 1 || first < 0 || first + count > 0x10000) {
      throw new Error(`port bus: ${name} claims an invalid range (first 0x${first.toString(16)}, count ${count})`);
    }
    for (let p = first; p < first + count; p++) {
      const slot = this.owner[p];
      if (slot !== 0) {
        throw new Error(`port bus: ${name} claims port 0x${p.toString(16)}, already taken by ${this.ranges[slot - 1].name}`);
      }
    }
    this.ranges.push(range);
    this.owner.fill(this.ranges.length, first, first + count);
  }

  /** Returns the name of the device that claimed `port`, or undefined. */
  ownerOf(port: number): string | undefined {
    const slot = this.owner[port & 0xffff];
    return slot === 0 ? undefined : this.ranges[slot - 1].name;
  }

  /** Reads `size` bytes at `port` (an `in` instruction); returns the unsigned value. */
  in(port: number, size: AccessSize): number {
    port &= 0xffff;
    const range = this.wholeRange(port, size);
    if (range) return maskTo(range.handler.read(port, size), size);
    if (size === 1) return this.readUnassigned(port);
    let value = 0;
    for (let i = 0; i < size; i++) value += this.in((port + i) & 0xffff, 1) * 256 ** i;
    return value;
  }

  /** Writes the low `size` bytes of `value` at `port` (an `out` instruction). */
  out(port: number, size: AccessSize, value: number): void {
    port &= 0xffff;
    value = maskTo(value, size);
    const range = this.wholeRange(port, size);
    if (range) {
      range.handler.write(port, size, value);
      return;
    }
    if (size === 1) {
      this.note(port).writes++;
      this.note(port).lastWrite = value;
      return;
    }
    for (let i = 0; i < size; i++) this.out((port + i) & 0xffff, 1, Math.floor(value / 256 ** i) & 0xff);
  }

  /** The unclaimed ports touched so far, in port order. */
  unassignedUses(): UnassignedPortUse[] {
    return [...this.unassigned.values()].map((u) => ({ ...u })).sort((a, b) => a.port - b.port);
  }

  /** Forgets the unclaimed-port summary. */
  clearUnassignedUses(): void {
    this.unassigned.clear();
  }

  /** The range that takes this access whole, or undefined when it must be split (or nobody owns it). */
  private wholeRange(port: number, size: AccessSize): PortRange | undefined {
    const slot = this.owner[port];
    if (slot === 0) return undefined;
    const range = this.ranges[slot - 1];
    if (size === 1) return range;
    const sizes = range.sizes ?? [1];
    if (!sizes.includes(size) || port + size > range.first + range.count) return undefined;
    return range;
  }

  private readUnassigned(port: number): number {
    this.note(port).reads++;
    return 0xff;
  }

  private note(port: number): UnassignedPortUse {
    let use = this.unassigned.get(port);
    if (!use) {
      use = { port, reads: 0, writes: 0, lastWrite: undefined };
      this.unassigned.set(port, use);
    }
    return use;
  }
}

/** `value` cut to `size` bytes, unsigned. */
export function maskTo(value: number, size: AccessSize): number {
  return size === 4 ? value >>> 0 : value & ALL_ONES[size];
}
