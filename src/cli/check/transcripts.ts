// The files of one test in the build directory (TEST.output, .errors, .result) and the two
// copies we keep beside them: BUILD/.pintos-vm/reference/TEST.output (the transcript we wrote
// last) and BUILD/.pintos-vm/own/TEST.output (the student's own transcript from real Pintos,
// saved before we overwrite it).
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where the files of one test live. */
export interface TranscriptPaths {
  output: string;
  errors: string;
  result: string;
  reference: string;
  own: string;
}

/** The state directory inside a build directory. */
export const STATE_DIR = '.pintos-vm';

/** The paths of test `id` (e.g. tests/vm/mmap-read) in `buildDir`. */
export function transcriptPaths(buildDir: string, id: string): TranscriptPaths {
  const at = (suffix: string) => path.join(buildDir, `${id}${suffix}`);
  return {
    output: at('.output'),
    errors: at('.errors'),
    result: at('.result'),
    reference: path.join(buildDir, STATE_DIR, 'reference', `${id}.output`),
    own: path.join(buildDir, STATE_DIR, 'own', `${id}.output`),
  };
}

/** True when TEST.output exists and is not the transcript we wrote last (so someone else wrote it). */
export function outputIsForeign(paths: TranscriptPaths): boolean {
  if (!existsSync(paths.output)) return false;
  if (!existsSync(paths.reference)) return true;
  return !readFileSync(paths.output).equals(readFileSync(paths.reference));
}

/**
 * The student's own transcript: TEST.output when someone else wrote it, else the copy saved
 * earlier, else null.
 */
export function ownTranscript(paths: TranscriptPaths): string | null {
  if (outputIsForeign(paths)) return paths.output;
  return existsSync(paths.own) ? paths.own : null;
}

/** Copies a foreign TEST.output to the own copy. Returns true when that saved something new. */
export function saveOwnTranscript(paths: TranscriptPaths): boolean {
  if (!outputIsForeign(paths)) return false;
  if (existsSync(paths.own) && readFileSync(paths.own).equals(readFileSync(paths.output))) return false;
  mkdirSync(path.dirname(paths.own), { recursive: true });
  copyFileSync(paths.output, paths.own);
  return true;
}

/** Keeps a copy of the TEST.output we just wrote as the reference. */
export function keepReference(paths: TranscriptPaths): void {
  if (!existsSync(paths.output)) return;
  mkdirSync(path.dirname(paths.reference), { recursive: true });
  copyFileSync(paths.output, paths.reference);
}
