// Where a test's gutter button goes in its C source: the line that names test_main (the body
// of every Pintos test) at its definition, else main's (a test written without the Pintos test
// library), else the top of the file.
import { readFile } from 'node:fs/promises';

/** The 0-based line defining `name` (with `void` or `int` before it or on the line above) in `lines`, or -1. */
function definitionLine(lines: string[], name: string): number {
  const definition = new RegExp(`^\\s*((void|int)\\s+)?${name}\\s*\\(\\s*(void|int\\s+argc\\s*,.*)?\\)\\s*\\{?\\s*$`);
  return lines.findIndex((l) => definition.test(l));
}

/** The 0-based line of `text` that defines `test_main`, else `main`, else 0. */
export function testMainLine(text: string): number {
  const lines = text.split('\n');
  const at = definitionLine(lines, 'test_main');
  return at >= 0 ? at : Math.max(definitionLine(lines, 'main'), 0);
}

/** testMainLine of the file `source`; 0 when it cannot be read. */
export async function testMainLineOf(source: string): Promise<number> {
  try {
    return testMainLine(await readFile(source, 'utf8'));
  } catch {
    return 0;
  }
}
