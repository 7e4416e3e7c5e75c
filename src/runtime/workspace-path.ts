// Where a launch may write on the host: only inside its `cwd` (the workspace folder). Symbolic
// links are resolved on the existing directories, so a link inside cannot lead the write outside.
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The absolute path to write `file` (relative to `cwd`) at, when its directory exists and lies,
 * after resolving symbolic links, inside `cwd`, and the file is not itself a symbolic link.
 * Otherwise a sentence saying what is wrong (for a message naming the attribute).
 */
export function writablePathInside(cwd: string, file: string): { path: string } | { problem: string } {
  const wanted = path.resolve(cwd, file);
  const dir = path.dirname(wanted);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { problem: `${dir}: no such directory` };
  const root = realpathSync(cwd);
  const realDir = realpathSync(dir);
  const relative = path.relative(root, realDir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { problem: `${wanted} is outside the launch's cwd ${root}; written files must stay inside it` };
  const target = path.join(realDir, path.basename(wanted));
  if (existsSync(target) || isDanglingLink(target)) {
    if (lstatSync(target).isSymbolicLink()) return { problem: `${wanted} is a symbolic link; give the path of a plain file inside ${root}` };
    if (!lstatSync(target).isFile()) return { problem: `${wanted} is not a plain file` };
  }
  return { path: target };
}

/** Whether `file` is a symbolic link whose target does not exist. */
function isDanglingLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
