// Resolves the path attributes of a `pintos` launch configuration against its working directory,
// so the adapter always receives absolute host paths.
import * as path from 'node:path';
import type { PintosLaunchArguments, PintosSystemLaunchArguments } from '../shared/launch';

/** Returns `config` with program, files, stdin.file and trace made absolute against `cwd`. */
export function resolveLaunchPaths<T extends Partial<PintosLaunchArguments>>(config: T, cwd: string): T {
  const abs = (p: string) => (path.isAbsolute(p) ? p : path.resolve(cwd, p));
  const out: T = { ...config, cwd };
  if (typeof config.program === 'string' && config.program !== '') out.program = abs(config.program);
  if (Array.isArray(config.files)) {
    out.files = config.files.map((f) => (typeof f === 'string' ? abs(f) : typeof f?.host === 'string' ? { ...f, host: abs(f.host) } : f));
  }
  if (typeof config.stdin === 'object' && config.stdin !== null && typeof config.stdin.file === 'string') out.stdin = { file: abs(config.stdin.file) };
  if (typeof config.trace === 'string' && config.trace !== '') out.trace = abs(config.trace);
  return out;
}

/** A full-system configuration with `buildDir` made absolute against `cwd` (default: `cwd` itself); its files stay relative to the build directory, as the pintos script's are. */
export function resolveSystemPaths<T extends Partial<PintosSystemLaunchArguments>>(config: T, cwd: string): T {
  const dir = typeof config.buildDir === 'string' && config.buildDir !== '' ? config.buildDir : '.';
  return { ...config, cwd, buildDir: path.isAbsolute(dir) ? dir : path.resolve(cwd, dir) };
}
