// The hostile guest programs of userprogs/hostile (one attack each), built once per test run.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const USERPROGS = path.join(ROOT, 'userprogs');

let built = false;

/** Builds the hostile programs (make hostile) once; throws with make's output when it fails. */
export function buildHostile(): void {
  if (built) return;
  execFileSync('make', ['-s', '-C', USERPROGS, 'all', 'hostile'], { stdio: 'pipe' });
  built = true;
}

/** Path of hostile program `name` (userprogs/build/hostile/NAME). */
export function hostile(name: string): string {
  return path.join(USERPROGS, 'build', 'hostile', name);
}
