// Runs a CommonJS bundle through V8 with a code cache, so a later process skips compiling it.
// The cache lives in a private per-user directory ($XDG_CACHE_HOME/pintos-vm or
// ~/.cache/pintos-vm, mode 0700, used only when owned by this user and not writable by others),
// one file per bundle content (the SHA-256 the build writes beside the bundle, BUNDLE.sha256, so
// no run pays for hashing it), the bundle file's size and modification time (a bundle changed
// after its hash was written still gets a cache of its own), Node version, V8 version and V8
// flags, so a rebuilt bundle or another Node never reads a stale cache; V8 checks the data again
// and rejects what does not fit. Without the hash file there is no cache. The cache is written once, when the process ends, after
// the run: it then also holds the functions the run compiled lazily; writing one prunes all but
// the newest few (other builds' caches). Any failure to read or write it only costs the compile
// it would have saved. PINTOS_VM_CODE_CACHE=off turns it off.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** The signature of a CommonJS module body, as Node wraps it. */
type ModuleBody = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/**
 * Loads and runs CommonJS file `bundlePath` as a module of its own (its own `require`,
 * `module`, `__filename`, `__dirname`), compiled from the code cache when one fits. Returns
 * after the bundle's top-level code has run; the cache is written at process exit if it was
 * missing or rejected.
 */
export function runWithCodeCache(bundlePath: string): void {
  const source = readFileSync(bundlePath, 'utf8');
  const cacheFile = process.env.PINTOS_VM_CODE_CACHE === 'off' ? undefined : cachePath(bundlePath);
  const cached = cacheFile === undefined ? undefined : readIfPresent(cacheFile);
  const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData: cached });
  if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => writeCache(cacheFile, () => script.createCachedData()));
  }
  const body = script.runInThisContext() as ModuleBody;
  const module = new Module(bundlePath);
  module.filename = bundlePath;
  const require = Module.createRequire(bundlePath);
  body.call(module.exports, module.exports, require, module, bundlePath, path.dirname(bundlePath));
}

/** Where the cache for the bundle at `bundlePath` lives; undefined without its hash file or a safe private directory. */
function cachePath(bundlePath: string): string | undefined {
  try {
    const contentHash = readFileSync(`${bundlePath}.sha256`, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(contentHash)) return undefined;
    const dir = privateCacheDir();
    if (dir === undefined) return undefined;
    const st = statSync(bundlePath);
    const variant = fnv1a32(`${st.size}\0${st.mtimeMs}\0${st.ino}\0${process.version}\0${process.versions.v8}\0${process.execArgv.join(' ')}`);
    return path.join(dir, `cli-${contentHash.slice(0, 32)}-${variant}.v8cache`);
  } catch {
    return undefined;
  }
}

/** The 32-bit FNV-1a hash of `text`'s UTF-16 code units, as 8 hex digits (names a cache among builds of one content). */
function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** This user's cache directory for pintos-vm, created 0700 if missing; undefined unless it is private to this user. */
function privateCacheDir(): string | undefined {
  try {
    const base = process.env.XDG_CACHE_HOME !== undefined && path.isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
    const dir = path.join(base, 'pintos-vm');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    const ownedByUs = process.getuid === undefined || st.uid === process.getuid();
    const othersMayWrite = process.platform !== 'win32' && (st.mode & 0o022) !== 0;
    return st.isDirectory() && ownedByUs && !othersMayWrite ? dir : undefined;
  } catch {
    return undefined;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** How many bundle caches (builds) a cache directory keeps. */
const KEPT_CACHES = 4;

/**
 * Writes `data()` to `file` through a temporary file and a rename, so a reader never sees half
 * a cache, then deletes all but the KEPT_CACHES newest caches beside it.
 */
function writeCache(file: string, data: () => Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data(), { mode: 0o600 });
    renameSync(temporary, file);
    pruneCaches(path.dirname(file));
  } catch {
    // no cache this time: the next run compiles the bundle again
    rmSync(temporary, { force: true });
  }
}

function pruneCaches(dir: string): void {
  const caches = readdirSync(dir)
    .filter((name) => /^cli-[0-9a-f-]+\.v8cache$/.test(name))
    .map((name) => ({ file: path.join(dir, name), at: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of caches.slice(KEPT_CACHES)) rmSync(old.file, { force: true });
}
