// Picks the tests named on the command line: a test (tests/vm/mmap-read, also with .result or
// .output), or a directory prefix (tests/vm) for every test under it. An unknown name is an
// error that suggests the closest test names.
import * as path from 'node:path';

export type Selection<T> = { ok: true; tests: T[] } | { ok: false; error: string };

/** The tests `names` select from `all`, in `all`'s order; all of them when `names` is empty. */
export function selectTests<T extends { id: string }>(all: readonly T[], names: readonly string[]): Selection<T> {
  if (names.length === 0) return { ok: true, tests: [...all] };
  const chosen = new Set<string>();
  const problems: string[] = [];
  for (const raw of names) {
    const name = normalise(raw);
    const matches = all.filter((t) => t.id === name || t.id.startsWith(`${name}/`));
    if (matches.length === 0) problems.push(unknownTest(raw, all.map((t) => t.id)));
    for (const t of matches) chosen.add(t.id);
  }
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  return { ok: true, tests: all.filter((t) => chosen.has(t.id)) };
}

/** `name` without ./, a trailing slash, or a .result / .output suffix. */
function normalise(name: string): string {
  return path.posix
    .normalize(name.replace(/\\/g, '/'))
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
    .replace(/\.(result|output)$/, '');
}

/** The message for a name that selects nothing, with up to three close test names. */
function unknownTest(name: string, ids: string[]): string {
  const wanted = normalise(name);
  const base = path.posix.basename(wanted);
  const scored = ids
    .map((id) => ({ id, distance: Math.min(editDistance(wanted, id), editDistance(base, path.posix.basename(id)) + 1) }))
    .filter((s) => s.distance <= Math.max(3, Math.floor(base.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 3);
  const group = ids.filter((id) => id.startsWith(`${path.posix.dirname(wanted)}/`));
  let hint = "; 'pintos-vm check --list' lists the tests";
  if (scored.length > 0) hint = `; did you mean ${scored.map((s) => s.id).join(', ')}?`;
  else if (group.length > 0) hint = `; tests in ${path.posix.dirname(wanted)}: ${group.slice(0, 6).join(', ')}${group.length > 6 ? ', ...' : ''}`;
  return `no test '${name}' in this build directory${hint}`;
}

/** Levenshtein distance between `a` and `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
