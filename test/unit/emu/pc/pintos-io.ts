// Test helpers: the port sequences a Pintos-KAIST kernel's drivers issue, written out against our
// device models, plus an in-memory disk and a stand-in for the CPU's interrupt entry.

import type { DiskImage } from '../../../../src/emu/pc/ide';
import type { AccessSize } from '../../../../src/emu/pc/port-bus';

/** Something with ports. */
export interface Io {
  in(port: number, size: AccessSize): number;
  out(port: number, size: AccessSize, value: number): void;
}

/** Something that asserts INTR and answers the acknowledge cycle. */
export interface InterruptSource {
  pending(): boolean;
  acknowledge(): number;
}

export const inb = (io: Io, port: number) => io.in(port, 1);
export const inw = (io: Io, port: number) => io.in(port, 2);
export const outb = (io: Io, port: number, value: number) => io.out(port, 1, value);
export const outw = (io: Io, port: number, value: number) => io.out(port, 2, value);

/** The kernel's PIC set-up: mask all, ICW1-ICW4 on both chips (vectors 0x20 and 0x28), unmask all. */
export function picInit(io: Io): void {
  outb(io, 0x21, 0xff);
  outb(io, 0xa1, 0xff);
  for (const [command, data, base, cascade] of [[0x20, 0x21, 0x20, 0x04], [0xa0, 0xa1, 0x28, 0x02]]) {
    outb(io, command, 0x11); // ICW1: edge triggered, cascade, ICW4 follows
    outb(io, data, base); // ICW2: vector base
    outb(io, data, cascade); // ICW3
    outb(io, data, 0x01); // ICW4: 8086 mode, normal EOI
  }
  outb(io, 0x21, 0x00);
  outb(io, 0xa1, 0x00);
}

/** The kernel's end of interrupt: non-specific EOI to the master, and to the slave for vectors 0x28 and up. */
export function picEoi(io: Io, vector: number): void {
  outb(io, 0x20, 0x20);
  if (vector >= 0x28) outb(io, 0xa0, 0x20);
}

/** The kernel's timer set-up: counter 0, low then high byte, mode 2, binary; count rounded to nearest. */
export function timerInit(io: Io, frequency: number): number {
  const count = Math.floor((1193180 + frequency / 2) / frequency);
  outb(io, 0x43, 0x34);
  outb(io, 0x40, count & 0xff);
  outb(io, 0x40, count >> 8);
  return count;
}

/**
 * The CPU taking interrupts while its interrupt flag is set, as the kernel's entry path does:
 * acknowledge, run the vector's handler (0x27 and 0x2F may come without one), EOI. Returns the
 * vectors taken. Throws on a vector with no handler, as the kernel panics.
 */
export function serviceInterrupts(io: Io, pic: InterruptSource, handlers: Map<number, () => void>, limit = 1000): number[] {
  const taken: number[] = [];
  while (pic.pending()) {
    if (taken.length >= limit) throw new Error(`more than ${limit} interrupts in a row`);
    const vector = pic.acknowledge();
    taken.push(vector);
    const handler = handlers.get(vector);
    if (handler) handler();
    else if (vector !== 0x27 && vector !== 0x2f) throw new Error(`unexpected interrupt 0x${vector.toString(16)}`);
    picEoi(io, vector);
  }
  return taken;
}

/** A disk held in memory, with a copy-out snapshot. */
export class MemDisk implements DiskImage {
  readonly bytes: Uint8Array;
  reads = 0;
  writes = 0;

  constructor(readonly sectorCount: number, fill?: (sector: number) => number) {
    this.bytes = new Uint8Array(sectorCount * 512);
    if (fill) for (let s = 0; s < sectorCount; s++) for (let i = 0; i < 512; i++) this.bytes[s * 512 + i] = (fill(s) + i) & 0xff;
  }

  read(sector: number, dst: Uint8Array): void {
    if (sector < 0 || sector >= this.sectorCount) throw new Error(`MemDisk: read of sector ${sector}`);
    dst.set(this.bytes.subarray(sector * 512, sector * 512 + 512));
    this.reads++;
  }

  write(sector: number, src: Uint8Array): void {
    if (sector < 0 || sector >= this.sectorCount) throw new Error(`MemDisk: write of sector ${sector}`);
    this.bytes.set(src.subarray(0, 512), sector * 512);
    this.writes++;
  }

  sector(n: number): Uint8Array {
    return this.bytes.slice(n * 512, n * 512 + 512);
  }

  snapshot(): Uint8Array {
    return this.bytes.slice();
  }

  restore(copy: Uint8Array): void {
    this.bytes.set(copy);
  }
}
