// POSIX path joining and normalisation for file names from DWARF (no host file-system access).

/** Joins `dir` and `name` ('' parts are skipped; an absolute `name` wins) and normalises the result. */
export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '') return normalizePath(name);
  return normalizePath(`${dir}/${name}`);
}

/** Removes '.' components, folds 'x/..' and duplicate slashes; keeps leading '..' of relative paths. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** The last component of a path. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}
