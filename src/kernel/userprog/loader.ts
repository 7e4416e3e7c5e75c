// Program loading: opens the executable, validates it, registers its segments for lazy loading,
// builds the initial stack with the arguments (PINTOS-ABI.md §3) and returns the initial CPU
// context. Failures print the Pintos `load: NAME: ...` message and leave the caller's state alone.
import type { CpuSnapshot } from '../../emu/cpu/cpu-state';
import { Slot, Reg } from '../../emu/cpu/registers';
import type { FileSystem } from '../filesys/filesys';
import type { OpenFile } from '../filesys/file';
import { finish, type Steps } from '../steps';
import type { AddressSpace, VirtualMemory } from '../vm/virtual-memory';
import { parseElf, PAGE_SIZE } from './elf';
import type { UserContext, UserMemory } from './user-memory';

export const USER_STACK = 0x47480000;
/** Longest command line accepted (bytes). */
export const CMDLINE_MAX = 128;

/** A loaded image, ready to be installed in a process. */
export interface LoadedImage {
  space: AddressSpace;
  context: CpuSnapshot;
  executable: OpenFile;
  warnings: string[];
}

export type LoadResult = { ok: true; image: LoadedImage } | { ok: false; message: string };

/** Splits a command line on spaces; runs of spaces count as one. */
export function splitCommandLine(cmdline: string): string[] {
  return cmdline.split(' ').filter((w) => w.length > 0);
}

/**
 * Loads `cmdline`'s program into a new address space created for process `pid` (the caller
 * installs it). `current` is the address space active now, re-activated afterwards. On failure
 * returns the message Pintos prints and releases everything it created. Pauses at each event of
 * claiming the first stack page (an eviction) that a debugger stops on (see steps.ts).
 */
export function* loadProgram(
  fs: FileSystem,
  vm: VirtualMemory,
  userMemory: UserMemory,
  pid: number,
  cmdline: string,
  current: AddressSpace | undefined,
): Steps<LoadResult> {
  const argv = splitCommandLine(cmdline);
  const name = argv[0] ?? '';
  const failed = (why: string): LoadResult => ({ ok: false, message: `load: ${name}: ${why}` });
  if (argv.length === 0 || cmdline.length > CMDLINE_MAX) return failed('error loading executable');
  const file = fs.open(name);
  if (!file) return failed('open failed');
  const parsed = parseElf(readHeaders(file));
  if (!parsed.ok) {
    file.close();
    return failed('error loading executable');
  }
  const space = vm.createSpace(pid);
  if (!space) {
    file.close();
    return failed('error loading executable');
  }
  // the teardown of a failed load pauses at its events like any other (steps.ts)
  const abandon = function* (): Steps<LoadResult> {
    yield* vm.destroySteps(space);
    file.close();
    return failed('error loading executable');
  };
  for (const seg of parsed.image.segments) {
    const pageOffset = seg.vaddr % PAGE_SIZE;
    const readBytes = seg.fileSize > 0 ? pageOffset + seg.fileSize : 0;
    const zeroBytes = roundUp(pageOffset + seg.memSize) - readBytes;
    const ok = vm.addSegment(space, {
      vaddr: seg.vaddr - pageOffset,
      file,
      offset: seg.offset - pageOffset,
      readBytes,
      zeroBytes,
      writable: seg.writable,
    });
    if (!ok) return yield* abandon();
  }
  if (!(yield* vm.setupStackSteps(space))) return yield* abandon();
  vm.activate(space);
  let argv0: number;
  try {
    argv0 = finish(pushArguments(userMemory, { space, syscallRsp: USER_STACK }, argv));
  } catch {
    if (current) vm.activate(current);
    return yield* abandon();
  }
  if (current) vm.activate(current);
  file.denyWrite();
  return {
    ok: true,
    image: { space, context: initialContext(parsed.image.entry, argv.length, argv0), executable: file, warnings: parsed.image.warnings },
  };
}

/** Reads the ELF header and program headers into a buffer the size of the file (the rest left zero). */
function readHeaders(file: OpenFile): Uint8Array {
  const bytes = new Uint8Array(file.length);
  file.readAt(bytes, Math.min(64, file.length), 0);
  if (file.length >= 64) {
    const view = new DataView(bytes.buffer);
    const phoff = Number(view.getBigUint64(32, true));
    const phnum = view.getUint16(56, true);
    const size = Math.min(phnum * 56, Math.max(0, file.length - phoff));
    if (phoff < file.length && size > 0) {
      const headers = new Uint8Array(size);
      file.readAt(headers, size, phoff);
      bytes.set(headers, phoff);
    }
  }
  return bytes;
}

/**
 * Writes the arguments on the new stack: the strings (last argument highest), padding to a
 * multiple of 8, argv[argc] = NULL, argv[argc-1] .. argv[0], then a fake return address 0.
 * Returns the address of argv[0]; the initial rsp is 8 below it (the fake return address).
 * Throws ProcessKilled when the stack page cannot be written.
 */
function* pushArguments(userMemory: UserMemory, ctx: UserContext, argv: string[]): Steps<number> {
  let sp = USER_STACK;
  const addresses: number[] = new Array(argv.length);
  for (let i = argv.length - 1; i >= 0; i--) {
    const bytes = new Uint8Array(argv[i].length + 1);
    for (let k = 0; k < argv[i].length; k++) bytes[k] = argv[i].charCodeAt(k) & 0xff;
    sp -= bytes.length;
    yield* userMemory.copyOut(ctx, sp, bytes);
    addresses[i] = sp;
  }
  const aligned = sp - (sp % 8);
  if (aligned < sp) yield* userMemory.copyOut(ctx, aligned, new Uint8Array(sp - aligned));
  sp = aligned;
  const table = new Uint8Array(8 * (argv.length + 2));
  const view = new DataView(table.buffer);
  // layout from low to high: fake return address, argv[0..argc-1], NULL
  for (let i = 0; i < argv.length; i++) view.setBigUint64(8 * (i + 1), BigInt(addresses[i]), true);
  sp -= table.length;
  yield* userMemory.copyOut(ctx, sp, table);
  return sp + 8; // address of argv[0]
}

/** The register state a process starts with (PINTOS-ABI.md §3). */
function initialContext(entry: number, argc: number, argv0: number): CpuSnapshot {
  const file = new Uint8Array(Slot.COUNT * 8);
  const view = new DataView(file.buffer);
  view.setBigUint64(Reg.RDI * 8, BigInt(argc), true);
  view.setBigUint64(Reg.RSI * 8, BigInt(argv0), true);
  view.setBigUint64(Reg.RSP * 8, BigInt(argv0 - 8), true);
  return { registerFile: file, rip: entry, flagOp: 0, flagBits: 0, controlFlags: 0x202 };
}

function roundUp(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}
