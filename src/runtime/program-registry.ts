// Which program each process runs, and the debug info of every program on the disk (read from
// the host copy that was put there, decoded once per program and kept).
import * as path from 'node:path';
import { DebugInfo } from '../debuginfo/debug-info';
import type { LoadedDiskFile } from './disk-files';
import type { SourceResolver } from './source-resolver';

/** The program named by a Pintos command line: its first word. */
export function programOfCommandLine(cmdline: string): string {
  return cmdline.trim().split(/ +/)[0] ?? '';
}

/** Programs of one run and the processes running them. */
export class ProgramRegistry {
  private readonly hostFiles = new Map<string, LoadedDiskFile>();
  private readonly infos = new Map<string, DebugInfo | undefined>();
  private readonly byPid = new Map<number, string>();

  constructor(
    files: LoadedDiskFile[],
    private readonly sources: SourceResolver,
    private readonly warn: (message: string) => void,
  ) {
    for (const f of files) this.hostFiles.set(f.guest, f);
  }

  /** A copy of which program each process runs (history: saved at a checkpoint). */
  saveHistory(): unknown {
    return new Map(this.byPid);
  }

  /** Puts back what saveHistory returned. */
  restoreHistory(saved: unknown): void {
    this.byPid.clear();
    for (const [pid, program] of saved as Map<number, string>) this.byPid.set(pid, program);
  }

  /** Records that process `pid` now runs `program` (process start or exec). */
  setProgram(pid: number, program: string): void {
    this.byPid.set(pid, program);
  }

  /** The program process `pid` runs, or undefined for an unknown pid. */
  programOf(pid: number): string | undefined {
    return this.byPid.get(pid);
  }

  /** True when `program` came from the host (so it may have debug info). */
  isKnown(program: string): boolean {
    return this.hostFiles.has(program);
  }

  /** Every program put on the disk from the host. */
  knownPrograms(): string[] {
    return [...this.hostFiles.keys()];
  }

  /** The programs whose debug info has been read. */
  loadedPrograms(): string[] {
    return [...this.infos.entries()].filter(([, info]) => info !== undefined).map(([name]) => name);
  }

  /** Debug info of `program` (read on first use), or undefined when it is not a host file. */
  debugInfo(program: string | undefined): DebugInfo | undefined {
    if (program === undefined) return undefined;
    if (this.infos.has(program)) return this.infos.get(program);
    const file = this.hostFiles.get(program);
    let info: DebugInfo | undefined;
    if (file) {
      info = DebugInfo.fromElf(file.content);
      for (const w of info.warnings) this.warn(`${program}: ${w}`);
      if (!info.hasDebugInfo) this.warn(`${program}: no debug information; debugging at instruction level`);
    }
    this.infos.set(program, info);
    return info;
  }

  /** Debug info of the program process `pid` runs. */
  debugInfoOfPid(pid: number): DebugInfo | undefined {
    return this.debugInfo(this.byPid.get(pid));
  }

  /** The host path of `program`, or its name when it has none. */
  hostPath(program: string): string {
    return this.hostFiles.get(program)?.host ?? program;
  }

  /** The local path shown for a source file named in debug info (one copy per file: see SourceResolver). */
  localSource(compiled: string): string {
    return this.sources.toLocal(compiled);
  }

  /** The source file of `program`'s debug info that the local file `local` stands for, or undefined. */
  compiledSource(local: string, program: string): string | undefined {
    const info = this.debugInfo(program);
    return info ? this.sources.toCompiled(local, info.sourceFiles()) : undefined;
  }

  /** Local source files of every program read so far, without duplicates. */
  loadedSources(): { path: string; name: string }[] {
    const seen = new Set<string>();
    const out: { path: string; name: string }[] = [];
    for (const program of this.loadedPrograms()) {
      for (const file of this.debugInfo(program)?.sourceFiles() ?? []) {
        const local = this.localSource(file);
        if (seen.has(local)) continue;
        seen.add(local);
        out.push({ path: local, name: path.basename(local) });
      }
    }
    return out;
  }
}
