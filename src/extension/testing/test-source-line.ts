// Where a test's gutter button goes in its C source: the line that names test_main (the body
// of every Pintos test) at its definition, else the top of the file.
import { readFile } from 'node:fs/promises';

/** The 0-based line of `text` that defines `test_main` (Pintos puts `void` on the line above), or 0. */
export function testMainLine(text: string): number {
  const at = text.split('\n').findIndex((l) => /^\s*(void\s+)?test_main\s*\(\s*(void)?\s*\)\s*\{?\s*$/.test(l));
  return Math.max(at, 0);
}

/** testMainLine of the file `source`; 0 when it cannot be read. */
export async function testMainLineOf(source: string): Promise<number> {
  try {
    return testMainLine(await readFile(source, 'utf8'));
  } catch {
    return 0;
  }
}
