// Why Machine.run returned.
import type { WatchHit } from './memory/contract';

/** The reason `Machine.run` stopped. rip is as described per kind. */
export type StopReason =
  /** the instruction budget is used up; rip is the next instruction */
  | { readonly kind: 'budget' }
  /** single step done (Machine.step); rip is the next instruction */
  | { readonly kind: 'step' }
  /** `syscall` executed: rcx = return rip, r11 = rflags, rip after the instruction */
  | { readonly kind: 'syscall' }
  /** `int imm8` (or int3, vector 3) executed; rip after the instruction */
  | { readonly kind: 'interrupt'; readonly vector: number }
  /**
   * An exception; rip is ON the faulting instruction and nothing it would have changed has changed.
   * #PF (14): `addr` = CR2, `errorCode` = PfError bits. #GP (13): errorCode 0. #DE (0).
   * #UD (6): `addr` = the instruction address, `bytes` = the bytes that failed to decode.
   */
  | {
      readonly kind: 'fault';
      readonly vector: number;
      readonly errorCode?: number;
      readonly addr?: number;
      readonly bytes?: readonly number[];
      readonly message: string;
    }
  /** an address breakpoint at `addr` = rip; the instruction there has NOT executed */
  | { readonly kind: 'breakpoint'; readonly addr: number }
  /** the previous instruction touched a watched range; rip is the next instruction */
  | { readonly kind: 'watchpoint'; readonly hits: readonly WatchHit[] }
  /** `hlt` executed; rip after it */
  | { readonly kind: 'halt' }
  /** full-system mode: a system instruction changed what the platform looks at (an interrupt
   *  window opened, a device was written, the privilege level or code width changed); rip is
   *  the next instruction to run */
  | { readonly kind: 'system' };
