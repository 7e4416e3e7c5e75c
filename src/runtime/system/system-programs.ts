// The programs of a booted kernel's run and their debug information: the kernel (`kernel.o`) for
// kernel addresses, and for user addresses the user program of the thread on the CPU (Pintos
// names a process's thread after its program), found among the files put on the scratch disk.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo } from '../../debuginfo/debug-info';
import type { DiskFile } from '../launch-options';
import type { SourceResolver } from '../source-resolver';

/** Pintos-KAIST's KERN_BASE: kernel virtual addresses start here, user addresses lie below. */
export const KERN_BASE = 0x8004000000;

/** True for a kernel virtual address. */
export function isKernelAddress(va: number): boolean {
  return va >= KERN_BASE;
}

/** A program with debug information, as breakpoints and frames see it. */
export interface SystemProgram {
  /** `kernel`, or the user program's name on the disk */
  name: string;
  info: DebugInfo;
}

/** The kernel and the user programs of one run, read lazily and once. */
export class SystemPrograms {
  readonly kernel: SystemProgram;
  private readonly users = new Map<string, SystemProgram | null>();

  /** `kernelElf` is read now (throws when unreadable); `files` are the run's scratch-disk files. */
  constructor(
    kernelElf: string,
    private readonly files: DiskFile[],
    private readonly sources: SourceResolver,
  ) {
    this.kernel = { name: 'kernel', info: DebugInfo.fromElf(new Uint8Array(readFileSync(kernelElf))) };
  }

  /** The user program named `name` on the disk (or whose host file has that base name), when it is an ELF file with debug information. */
  user(name: string | undefined): SystemProgram | undefined {
    if (name === undefined) return undefined;
    const known = this.users.get(name);
    if (known !== undefined) return known ?? undefined;
    const file = this.files.find((f) => f.guest === name || path.basename(f.host) === name);
    let program: SystemProgram | null = null;
    if (file) {
      try {
        const info = DebugInfo.fromElf(new Uint8Array(readFileSync(file.host)));
        program = { name: file.guest, info };
      } catch {
        program = null;
      }
    }
    this.users.set(name, program);
    return program ?? undefined;
  }

  /** The program whose code holds `va`: the kernel for kernel addresses, else the user program `userName`. */
  at(va: number, userName: string | undefined): SystemProgram | undefined {
    return isKernelAddress(va) ? this.kernel : this.user(userName);
  }

  /** Every program known so far: the kernel, then each user program on the disk that has debug information. */
  all(): SystemProgram[] {
    const users = this.files.map((f) => this.user(f.guest)).filter((p): p is SystemProgram => p !== undefined);
    return [this.kernel, ...users];
  }

  /** The local path shown for a compile-time path. */
  localSource(compiled: string): string {
    return this.sources.toLocal(compiled);
  }

  /** The compile-time path of local file `local` in `program`, or undefined when it has none. */
  compiledSource(local: string, program: SystemProgram): string | undefined {
    return this.sources.toCompiled(local, program.info.sourceFiles());
  }
}
