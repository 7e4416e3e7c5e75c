// Multi-page accesses by virtual address for the kernel and the debugger: copies through the MMU
// (with every hardware side effect, as the kernel dereferencing a user pointer), and inspection
// reads/writes that never fault a page in and leave A/D bits and the TLB alone.

import { Access } from './contract';
import { PAGE_SIZE, PhysicalMemory } from './physical-memory';

/** A side-effect-free translation: the physical address, or the fault the access would raise. */
export type PeekResult = { readonly ok: true; readonly pa: number } | { readonly ok: false; readonly errorCode: number };

/** Where an inspection access stopped: the first unusable address and the error code an access would get. */
export interface VirtualFault {
  readonly addr: number;
  readonly errorCode: number;
}

/** What `readVirtualNoFault` could read: the readable prefix, and why it stopped early if it did. */
export interface VirtualRead {
  readonly bytes: Uint8Array;
  /** absent when all was read */
  readonly fault?: VirtualFault;
}

/** What these functions need from the memory system. */
export interface VirtualAccessor {
  readonly ram: Uint8Array;
  readonly phys: PhysicalMemory;
  translate(va: number, access: Access, user: boolean, size?: number): number;
  peekTranslate(va: number, access: Access, user: boolean): PeekResult;
}

/** Calls `piece(addr, done, n)` for each page-bounded piece of [va, va+length). */
function forEachPiece(va: number, length: number, piece: (addr: number, done: number, n: number) => boolean): void {
  for (let done = 0; done < length; ) {
    const addr = va + done;
    const n = Math.min(length - done, PAGE_SIZE - (addr % PAGE_SIZE));
    if (!piece(addr, done, n)) return;
    done += n;
  }
}

/**
 * Reads `length` bytes at `va` in the current address space as a read by user (or kernel) code
 * would, without side effects: a page that is not present or not readable is reported in `fault`
 * and never faulted in. Returns the bytes before the first unreadable address.
 */
export function readVirtualNoFault(m: VirtualAccessor, va: number, length: number, user: boolean): VirtualRead {
  const out = new Uint8Array(length);
  let fault: VirtualFault | undefined;
  let readable = 0;
  forEachPiece(va, length, (addr, done, n) => {
    const t = m.peekTranslate(addr, Access.Read, user);
    if (!t.ok) {
      fault = { addr, errorCode: t.errorCode };
      return false;
    }
    out.set(m.ram.subarray(t.pa, t.pa + n), done);
    readable = done + n;
    return true;
  });
  return fault === undefined ? { bytes: out } : { bytes: out.slice(0, readable), fault };
}

/**
 * Writes `bytes` at `va` for the debugger: translated without A/D bits or TLB use, written through
 * the physical write barrier (snapshots, code pages and physical watches see it). Writes nothing
 * and returns the fault when any page is not writable; returns undefined on success.
 */
export function pokeVirtualNoFault(m: VirtualAccessor, va: number, bytes: Uint8Array, user: boolean): VirtualFault | undefined {
  const pieces: number[] = [];
  let fault: VirtualFault | undefined;
  forEachPiece(va, bytes.length, (addr, done, n) => {
    const t = m.peekTranslate(addr, Access.Write, user);
    if (!t.ok) {
      fault = { addr, errorCode: t.errorCode };
      return false;
    }
    pieces.push(t.pa, done, n);
    return true;
  });
  if (fault !== undefined) return fault;
  for (let i = 0; i < pieces.length; i += 3) {
    m.phys.writeBytes(pieces[i], bytes.subarray(pieces[i + 1], pieces[i + 1] + pieces[i + 2]));
  }
  return undefined;
}

/**
 * Returns `length` bytes read at `va` through the MMU, as the kernel dereferencing a pointer does
 * (A bits, TLB, watches). Throws PageFault at the first page that faults.
 */
export function copyIn(m: VirtualAccessor, va: number, length: number, user: boolean): Uint8Array {
  const out = new Uint8Array(length);
  forEachPiece(va, length, (addr, done, n) => {
    const pa = m.translate(addr, Access.Read, user, n);
    out.set(m.ram.subarray(pa, pa + n), done);
    return true;
  });
  return out;
}

/**
 * Writes `bytes` at `va` through the MMU (A/D bits, TLB, code pages, watches, snapshots). Every
 * page is translated before any byte is written, so a PageFault leaves memory unchanged.
 */
export function copyOut(m: VirtualAccessor, va: number, bytes: Uint8Array, user: boolean): void {
  const pieces: number[] = [];
  forEachPiece(va, bytes.length, (addr, done, n) => {
    pieces.push(m.translate(addr, Access.Write, user, n), done, n);
    return true;
  });
  for (let i = 0; i < pieces.length; i += 3) {
    m.ram.set(bytes.subarray(pieces[i + 1], pieces[i + 1] + pieces[i + 2]), pieces[i]);
  }
}
