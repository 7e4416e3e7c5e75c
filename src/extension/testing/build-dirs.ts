// Finds the Pintos build folders under a workspace folder. A build folder (usually vm/build or
// userprog/build) is one whose parent holds Make.vars and whose grandparent holds
// tests/Make.tests. The search looks at the folder itself and at every folder named `build`
// a few levels down, never inside a build folder, dot folders or node_modules, and stops after
// a bounded number of folders so a huge workspace costs little.
import { access, readdir } from 'node:fs/promises';
import * as path from 'node:path';

/** How deep below the workspace folder `build` folders are looked for (src/vm/build is 3). */
export const BUILD_DIR_MAX_DEPTH = 4;
const MAX_FOLDERS_VISITED = 3000;
const NEVER_ENTERED = new Set(['node_modules', 'tests', 'lib', 'include', 'obj']);

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** True when `dir` is a Pintos build folder by the rule above. */
export async function isPintosBuildDir(dir: string): Promise<boolean> {
  const parent = path.dirname(dir);
  return (await exists(path.join(parent, 'Make.vars'))) && (await exists(path.join(path.dirname(parent), 'tests', 'Make.tests')));
}

/** Subfolders of `dir` (none when unreadable). */
async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * Returns the Pintos build folders in and under `root` (absolute paths, sorted), looking at most
 * BUILD_DIR_MAX_DEPTH levels down. Unreadable folders are skipped; never throws.
 */
export async function findBuildDirs(root: string, maxDepth = BUILD_DIR_MAX_DEPTH): Promise<string[]> {
  const found: string[] = [];
  if (await isPintosBuildDir(root)) found.push(root);
  let level = [root];
  let visited = 0;
  for (let depth = 1; depth <= maxDepth && level.length > 0 && visited < MAX_FOLDERS_VISITED; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (++visited > MAX_FOLDERS_VISITED) break;
      for (const name of await subfolders(dir)) {
        const child = path.join(dir, name);
        if (name === 'build') {
          if (await isPintosBuildDir(child)) found.push(child);
        } else if (!NEVER_ENTERED.has(name)) {
          next.push(child);
        }
      }
    }
    level = next;
  }
  return [...new Set(found)].sort();
}
