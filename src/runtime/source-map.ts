// Translation of source paths between the compile-time names in debug info and local files
// (the `sourceMap` launch attribute: compile-time prefix → local prefix).
import * as path from 'node:path';

/** Both directions of a source map; prefixes are matched on whole path components. */
export class SourceMap {
  /** `pairs` as [compile-time prefix, local prefix], in any order. */
  constructor(private readonly pairs: [string, string][]) {}

  /** The local path of a compile-time path (unchanged when no prefix matches). */
  toLocal(compiled: string): string {
    return rewrite(compiled, this.pairs.map(([from, to]) => [from, to]));
  }

  /** The compile-time path of a local path (unchanged when no prefix matches). */
  toCompiled(local: string): string {
    return rewrite(path.normalize(local), this.pairs.map(([from, to]) => [to, from]));
  }
}

/** Replaces the longest matching prefix of `p` by its counterpart. */
function rewrite(p: string, pairs: [string, string][]): string {
  let best: [string, string] | undefined;
  for (const pair of pairs) {
    const prefix = stripSlash(pair[0]);
    if ((p === prefix || p.startsWith(`${prefix}/`)) && (!best || prefix.length > stripSlash(best[0]).length)) best = pair;
  }
  if (!best) return p;
  return stripSlash(best[1]) + p.slice(stripSlash(best[0]).length);
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}
