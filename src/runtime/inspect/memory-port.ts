// Side-effect-free memory and register access for the inspection side, over a frame or a process,
// with user-facing messages naming the page that could not be read or written.
import { UserFacingError, type FrameContext } from '../contract';
import type { ProcessMemory } from '../inspector-host';

const PAGE = 4096;
/** Lowest kernel virtual address of Pintos-KAIST (KERN_BASE). */
const KERN_BASE = 0x80_0400_0000;
const USER_TOP = 2 ** 47;

/** Memory of one address space as the inspection side reads and writes it. */
export interface MemoryPort {
  /** Exactly `length` bytes at `address`; throws UserFacingError naming the first unreadable page. */
  read(address: bigint, length: number): Uint8Array;
  /** The readable prefix of `length` bytes at `address`, and the first unreadable address if any. */
  readPrefix(address: number, length: number): { bytes: Uint8Array; unreadableAt?: number };
  /** Writes all of `bytes` or nothing; throws UserFacingError saying why not. */
  write(address: bigint, bytes: Uint8Array): void;
  /** Where the non-resident bytes of [address, address+length) live (`in swap slot 17`), or undefined when all are in frames. */
  originOf(address: bigint, length: number): string | undefined;
}

/** Registers of one frame (64-bit names: rax..r15, rip, rflags). */
export interface RegisterPort {
  /** The value, or undefined when the frame does not know it (not saved in an outer frame). */
  get(name: string): bigint | undefined;
  /** Sets it; false when not possible (outer frame). */
  set(name: string, value: bigint): boolean;
}

/** Why the byte at `address` cannot be read: `page 0x... not present` or the kind of address. */
export function unreadableMessage(address: number): string {
  if (address < 0 || address >= USER_TOP) return `cannot access memory at 0x${address.toString(16)}`;
  if (address >= KERN_BASE) return `cannot access kernel address 0x${address.toString(16)}`;
  return `page 0x${(address - (address % PAGE)).toString(16)} not present`;
}

/** Reads page by page with `readAll` (undefined = unreadable) and returns the readable prefix. */
function prefixByPages(readAll: (va: number, length: number) => Uint8Array | undefined, va: number, length: number): { bytes: Uint8Array; unreadableAt?: number } {
  const whole = length > 0 ? readAll(va, length) : new Uint8Array(0);
  if (whole) return { bytes: whole };
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const at = va + done;
    const n = Math.min(length - done, PAGE - (at % PAGE));
    const piece = readAll(at, n);
    if (!piece) return { bytes: out.slice(0, done), unreadableAt: at };
    out.set(piece, done);
    done += n;
  }
  return { bytes: out };
}

function toAddress(address: bigint): number {
  const a = BigInt.asUintN(64, address);
  if (a >= BigInt(USER_TOP)) throw new UserFacingError(`cannot access memory at 0x${a.toString(16)}`);
  return Number(a);
}

function portOver(
  prefix: (va: number, length: number) => { bytes: Uint8Array; unreadableAt?: number },
  writeAll: (va: number, bytes: Uint8Array) => boolean,
  origin: (va: number, length: number) => string | undefined,
): MemoryPort {
  return {
    originOf(address, length) {
      const a = BigInt.asUintN(64, address);
      return a < BigInt(USER_TOP) && length > 0 ? origin(Number(a), Math.min(length, USER_TOP - Number(a))) : undefined;
    },
    read(address, length) {
      const va = toAddress(address);
      if (length === 0) return new Uint8Array(0);
      if (va + length > USER_TOP) throw new UserFacingError(`cannot access memory at 0x${USER_TOP.toString(16)}`);
      const got = prefix(va, length);
      if (got.unreadableAt !== undefined || got.bytes.length < length) throw new UserFacingError(unreadableMessage(got.unreadableAt ?? va + got.bytes.length));
      return got.bytes;
    },
    readPrefix(va, length) {
      if (va < 0 || va >= USER_TOP) return { bytes: new Uint8Array(0), unreadableAt: va };
      return prefix(va, Math.min(length, USER_TOP - va));
    },
    write(address, bytes) {
      const va = toAddress(address);
      if (writeAll(va, bytes)) return;
      const got = prefix(va, bytes.length);
      if (got.unreadableAt !== undefined) throw new UserFacingError(`cannot write: ${unreadableMessage(got.unreadableAt)}`);
      throw new UserFacingError(`cannot write: page 0x${(va - (va % PAGE)).toString(16)} is read-only`);
    },
  };
}

/** The memory of a frame's process. */
export function frameMemory(frame: FrameContext): MemoryPort {
  const readAll = (va: number, length: number) => frame.readMemory(va, length);
  return portOver(
    (va, length) => prefixByPages(readAll, va, length),
    (va, bytes) => frame.writeMemory(va, bytes),
    (va, length) => frame.memoryOrigin?.(va, length),
  );
}

/** The memory of a process without a frame. */
export function processMemoryPort(memory: ProcessMemory): MemoryPort {
  return portOver(
    (va, length) => memory.read(va, length),
    (va, bytes) => memory.write(va, bytes),
    (va, length) => memory.read(va, length).origins?.join(', '),
  );
}

/** A memory port for contexts without memory (VM-event conditions); every access throws `message`. */
export function noMemory(message: string): MemoryPort {
  const fail = (): never => {
    throw new UserFacingError(message);
  };
  return { read: fail, readPrefix: (va) => ({ bytes: new Uint8Array(0), unreadableAt: va }), write: fail, originOf: () => undefined };
}

/** The registers of a frame. */
export function frameRegisters(frame: FrameContext): RegisterPort {
  return {
    get: (name) => frame.registers.get(name),
    set: (name, value) => {
      if (!frame.setRegister(name, BigInt.asUintN(64, value))) return false;
      frame.registers.set(name, BigInt.asUintN(64, value));
      return true;
    },
  };
}
