// Launch configuration of the `pintos` debug type: the attributes a launch.json may give, with
// their defaults. The adapter validates them; the extension contributes the same set as a JSON
// schema (package.json), so the two must stay in step.

/** A host file to put on the Pintos disk (like `pintos -p HOST:GUEST`). */
export interface PutFileSpec {
  /** host path (relative paths are relative to the workspace folder / cwd) */
  host: string;
  /** name on the Pintos disk (at most 14 characters); default: the host file's base name */
  guest?: string;
}

/** Eviction policies the kernel offers. */
export const EVICTION_POLICY_NAMES = ['clock', 'fifo', 'lru', 'random'] as const;
export type EvictionPolicy = (typeof EVICTION_POLICY_NAMES)[number];

/** The `launch` request's arguments for type `pintos`. */
export interface PintosLaunchArguments {
  /** the user program: an x86-64 ELF built for Pintos */
  program: string;
  /** command-line arguments after the program name */
  args?: string[];
  /** extra files for the Pintos disk; programs the program execs are found next to it automatically */
  files?: (string | PutFileSpec)[];
  /** guest RAM in MiB (default 20) */
  memoryMB?: number;
  /** swap disk size in units of 252 slots (default 4) */
  swapDisk?: number;
  /** page replacement policy (default clock) */
  evictionPolicy?: EvictionPolicy;
  /** seed of the random policy (default 0) */
  seed?: number;
  /** keyboard input: text, or `{ file: path }` */
  stdin?: string | { file: string };
  /** stop at the program's first instruction (default false) */
  stopOnEntry?: boolean;
  /** memory for the run's history (time travel), in MiB (default 512): older checkpoints are thinned beyond it */
  historyMB?: number;
  /** slow motion: at most this many guest instructions per second while it runs, so the views can be watched (default 0: full speed) */
  guestSpeed?: number;
  /** stop when the program ends (its exit, or halt) so the final state can be studied, instead of ending the session (default true) */
  stopAtEnd?: boolean;
  /** compile-time path prefix → local path prefix, for binaries built elsewhere */
  sourceMap?: Record<string, string>;
  /** the same as `sourceMap`, under the name cpptools uses (both may be given; they are merged) */
  sourceFileMap?: Record<string, string>;
  /** check page tables, frames and swap agree after every VM event (slower; default false) */
  checkInvariants?: boolean;
  /** write every kernel event to this file as JSON lines */
  trace?: string;
  /** working directory for relative paths (set by the extension to the workspace folder) */
  cwd?: string;
}

/** Defaults applied when an attribute is absent. */
export const LAUNCH_DEFAULTS = {
  args: [] as string[],
  memoryMB: 20,
  swapDisk: 4,
  evictionPolicy: 'clock' as EvictionPolicy,
  seed: 0,
  stopOnEntry: false,
  stopAtEnd: true,
  historyMB: 512,
  guestSpeed: 0,
  checkInvariants: false,
} as const;

/**
 * The `launch` request's arguments for the full-system mode: the Pintos kernel of a build
 * directory booted on the emulated PC, debugged in its own sources (`system: true` selects it).
 */
export interface PintosSystemLaunchArguments {
  system: true;
  /** the Pintos build directory (holds os.dsk and kernel.o); default: the working directory */
  buildDir?: string;
  /** the kernel's arguments, as after `--` of the pintos script (e.g. `["-q", "run", "alarm-single"]`) */
  kernelArgs?: string[];
  /** host files for the scratch disk (`pintos -p`), relative to the build directory */
  files?: (string | PutFileSpec)[];
  /** RAM in MiB (default 256, the pintos script's) */
  memoryMB?: number;
  /** a blank file-system disk of this many MB (default: the build directory's fs.dsk, if any) */
  fsDiskMB?: number;
  /** a blank swap disk of this many MB (default: the build directory's swap.dsk, if any) */
  swapDiskMB?: number;
  /** stop at the kernel's first instruction (default false) */
  stopOnEntry?: boolean;
  /** compile-time path prefix → local path prefix */
  sourceMap?: Record<string, string>;
  /** names in the kernel to read where the debugger cannot find a structure by its type */
  structureNames?: KernelStructureNames;
  /** working directory for a relative buildDir */
  cwd?: string;
}

/** Names of the kernel's VM structures, for a kernel whose shapes the debugger cannot recognise. */
export interface KernelStructureNames {
  /** the `struct hash` member of `struct supplemental_page_table` */
  sptHash?: string;
  /** the `struct hash_elem` member of `struct page` */
  pageHashElem?: string;
  /** the global `struct list` of `struct frame` */
  frameTable?: string;
  /** the global swap bitmap (a `struct bitmap *` or an array of bits) */
  swapTable?: string;
}

/** True when `args` asks for the full-system mode. */
export function isSystemLaunch(args: unknown): args is PintosSystemLaunchArguments {
  return typeof args === 'object' && args !== null && (args as { system?: unknown }).system === true;
}
