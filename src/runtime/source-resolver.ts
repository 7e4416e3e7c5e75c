// Which local file a source path from debug info is, and back: one copy of each source file.
// The rules, in order: the launch's source map (`sourceMap` / `sourceFileMap`, compile-time
// prefix → local prefix); a path the user set a breakpoint in stays the path shown for the code it
// bound to; a compile-time path outside the workspace folder is shown as the workspace file with
// the longest common tail of path components (so a copy of the sources opened in the editor is
// the one stops open); otherwise the compile-time path itself.
import * as path from 'node:path';
import type { SourceMap } from './source-map';

/** Resolves source paths both ways for one run; answers are cached and stable for the run. */
export class SourceResolver {
  private readonly localOf = new Map<string, string>();
  private readonly boundLocal = new Map<string, string>();

  /**
   * `workspace` is the folder whose files are preferred (the launch's cwd, normally the workspace
   * folder); `exists` tells whether a local file exists (host access passed in).
   */
  constructor(
    private readonly sourceMap: SourceMap,
    private readonly workspace: string,
    private readonly exists: (file: string) => boolean,
  ) {}

  /** The local path shown for the compile-time path `compiled`. */
  toLocal(compiled: string): string {
    const bound = this.boundLocal.get(compiled);
    if (bound !== undefined) return bound;
    let local = this.localOf.get(compiled);
    if (local === undefined) {
      local = this.findLocal(compiled);
      this.localOf.set(compiled, local);
    }
    return local;
  }

  /**
   * The compile-time path among `sources` (one program's source files) that the local file
   * `local` stands for, or undefined when none does. Remembers the pair, so the code it binds to
   * is shown under `local`.
   */
  toCompiled(local: string, sources: readonly string[]): string | undefined {
    const normal = path.normalize(local);
    const mapped = this.sourceMap.toCompiled(normal);
    let found: string | undefined;
    if (sources.includes(mapped)) found = mapped;
    else if (sources.includes(normal)) found = normal;
    else found = longestTailMatch(normal, sources);
    if (found !== undefined && found !== normal) this.boundLocal.set(found, normal);
    return found;
  }

  private findLocal(compiled: string): string {
    const mapped = this.sourceMap.toLocal(compiled);
    if (mapped !== compiled) return mapped;
    if (isInside(compiled, this.workspace)) return compiled;
    const parts = splitComponents(compiled);
    for (let start = 0; start < parts.length; start++) {
      const candidate = path.join(this.workspace, ...parts.slice(start));
      if (this.exists(candidate)) return candidate;
    }
    return compiled;
  }
}

/** The entry of `candidates` sharing the most trailing path components with `file` (at least its name); the first such in sorted order on a tie. */
export function longestTailMatch(file: string, candidates: readonly string[]): string | undefined {
  const want = splitComponents(file);
  let best: string | undefined;
  let bestLength = 0;
  for (const c of [...candidates].sort()) {
    const n = commonTail(want, splitComponents(c));
    if (n > bestLength) {
      best = c;
      bestLength = n;
    }
  }
  return best;
}

function commonTail(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function splitComponents(p: string): string[] {
  return path
    .normalize(p)
    .split(/[\\/]+/)
    .filter((c) => c.length > 0 && c !== '.' && c !== '..');
}

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
}
