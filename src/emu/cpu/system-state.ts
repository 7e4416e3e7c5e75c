// The system-level state of the CPU, beyond what user code sees: privilege level, control
// registers, the model-specific registers of long mode and `syscall`, descriptor-table registers
// and segment selectors. A machine running user programs under our own kernel keeps the defaults
// (CPL 3, 64-bit code, Pintos's user selectors), so every privileged instruction raises #GP as
// it does for a Pintos user process. A machine booting a whole kernel (full-system mode) starts
// it in 32-bit protected mode at CPL 0 and lets the guest set the rest. Plain data throughout.

/** Pintos-KAIST's segment selectors (threads/loader.h): kernel code and data, user data and code, TSS. */
export const enum Selector {
  KERNEL_CODE = 0x08,
  KERNEL_DATA = 0x10,
  USER_DATA = 0x1b,
  USER_CODE = 0x23,
  TSS = 0x28,
}

/** Model-specific register numbers the CPU implements. */
export const enum Msr {
  TSC = 0x10,
  EFER = 0xc0000080,
  STAR = 0xc0000081,
  LSTAR = 0xc0000082,
  CSTAR = 0xc0000083,
  SFMASK = 0xc0000084,
  FS_BASE = 0xc0000100,
  GS_BASE = 0xc0000101,
  KERNEL_GS_BASE = 0xc0000102,
}

/** EFER bits. */
export const enum Efer {
  SCE = 0x1,
  LME = 0x100,
  LMA = 0x400,
  NXE = 0x800,
}

/** CR0 bits. */
export const enum Cr0 {
  PE = 0x1,
  MP = 0x2,
  ET = 0x10,
  NE = 0x20,
  WP = 0x10000,
  PG = 0x80000000,
}

/** CR4 bits the CPU looks at. */
export const enum Cr4 {
  PAE = 0x20,
  PGE = 0x80,
}

/** Segment registers by the number ModRM.reg gives them in `mov Sreg` (es cs ss ds fs gs). */
export const SEGMENT_REGISTER_NAMES: readonly string[] = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];

/** A copy of the system state (see SystemState.snapshot). */
export type SystemSnapshot = Readonly<Omit<SystemState, 'snapshot' | 'restore' | 'msr' | 'setMsr'>>;

/** The system registers of one CPU. Values are numbers: 64-bit registers as numbers below 2^53
 *  (addresses are below 2^48; STAR and SFMASK keep their meaningful bits). */
export class SystemState {
  /** current privilege level: 0 (kernel) or 3 (user) */
  cpl = 3;
  /** width of code: 64 (long mode) or 32 (protected mode, and compatibility mode) */
  codeBits: 64 | 32 = 64;
  cr0: number = Cr0.PE | Cr0.ET | Cr0.NE | Cr0.WP | Cr0.PG;
  /** the address of the last page fault */
  cr2 = 0;
  cr3 = 0;
  cr4: number = Cr4.PAE;
  efer: number = Efer.SCE | Efer.LME | Efer.LMA | Efer.NXE;
  /** STAR bits 63:32 (the kernel and user selector bases; the 32-bit target is not kept) */
  starHigh = ((Selector.USER_DATA - 8) << 16 | Selector.KERNEL_CODE) >>> 0;
  lstar = 0;
  cstar = 0;
  /** SFMASK: the RFLAGS bits `syscall` clears */
  sfmask = 0;
  fsBase = 0;
  gsBase = 0;
  kernelGsBase = 0;
  gdtBase = 0;
  gdtLimit = 0;
  idtBase = 0;
  idtLimit = 0;
  /** the task register's selector (its descriptor is read from the GDT when needed) */
  tr = 0;
  /** the LDT register's selector (segments are flat: no descriptor is ever read from an LDT) */
  ldtr = 0;
  /** selectors of es, cs, ss, ds, fs, gs (SEGMENT_REGISTER_NAMES order) */
  selectors: number[] = [Selector.USER_DATA, Selector.USER_CODE, Selector.USER_DATA, Selector.USER_DATA, 0, 0];
  /** an `sti` or `mov ss` just ran: no interrupt is taken before the next instruction completes */
  interruptShadow = false;

  /** Reads MSR `n`; returns undefined for an MSR this CPU does not have (the caller raises #GP). */
  msr(n: number): number | undefined {
    switch (n) {
      case Msr.EFER: return this.efer;
      case Msr.STAR: return this.starHigh * 4294967296;
      case Msr.LSTAR: return this.lstar;
      case Msr.CSTAR: return this.cstar;
      case Msr.SFMASK: return this.sfmask;
      case Msr.FS_BASE: return this.fsBase;
      case Msr.GS_BASE: return this.gsBase;
      case Msr.KERNEL_GS_BASE: return this.kernelGsBase;
      default: return undefined;
    }
  }

  /** Writes MSR `n` (value split in 32-bit halves); returns false for an MSR this CPU does not
   *  have or a value it refuses (the caller raises #GP). EFER.LMA is kept: the CPU sets it. */
  setMsr(n: number, lo: number, hi: number): boolean {
    const value = (hi >>> 0) * 4294967296 + (lo >>> 0);
    switch (n) {
      case Msr.EFER:
        if ((lo & ~(Efer.SCE | Efer.LME | Efer.LMA | Efer.NXE)) !== 0 || hi !== 0) return false;
        this.efer = (lo & ~Efer.LMA) | (this.efer & Efer.LMA);
        return true;
      case Msr.STAR: this.starHigh = hi >>> 0; return true;
      case Msr.LSTAR: this.lstar = value; return true;
      case Msr.CSTAR: this.cstar = value; return true;
      case Msr.SFMASK:
        if (hi !== 0) return false;
        this.sfmask = lo >>> 0;
        return true;
      case Msr.FS_BASE: this.fsBase = value; return true;
      case Msr.GS_BASE: this.gsBase = value; return true;
      case Msr.KERNEL_GS_BASE: this.kernelGsBase = value; return true;
      default: return false;
    }
  }

  /** A plain-data copy of every field. */
  snapshot(): SystemSnapshot {
    const { selectors, ...fields } = this;
    return { ...fields, selectors: [...selectors] };
  }

  /** Restores what `snapshot` captured. */
  restore(s: SystemSnapshot): void {
    Object.assign(this, s);
    this.selectors = [...s.selectors];
  }
}
