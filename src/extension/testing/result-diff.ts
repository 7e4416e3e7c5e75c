// Reads a Pintos checker's .result text. A failed output comparison reads:
//
//   FAIL
//   Test output failed to match any acceptable form.
//
//   Acceptable output:
//     (args) begin
//     args-single: exit(0)
//   Differences in `diff -u' format:
//     (args) begin
//   - args-single: exit(0)
//   + : exit(0)
//
// with one "Acceptable output" + "Differences" pair per accepted variant. Each diff covers the
// whole output, so its unchanged and '-' lines give the expected text and its unchanged and '+'
// lines give what the kernel printed. Other failures (a panic, a timeout, a missing line) have
// no diff.

/** Expected and actual output of a failed comparison. */
export interface ExpectedActual {
  expected: string;
  actual: string;
}

const DIFF_HEADER = /^Differences in `diff -u' format:\s*$/;
const SECTION_END = /^(Acceptable outputs?:|Differences in `diff -u' format:|\(.*are excluded for matching purposes\.\))\s*$/;

/** The diff bodies of `text`, one list of lines per "Differences" section. */
function diffSections(lines: string[]): string[][] {
  const sections: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!DIFF_HEADER.test(lines[i])) continue;
    const body: string[] = [];
    for (i = i + 1; i < lines.length && !SECTION_END.test(lines[i]) && /^[ +-] /.test(lines[i]); i++) body.push(lines[i]);
    i--;
    sections.push(body);
  }
  return sections;
}

/** Number of changed lines of a diff body. */
function changes(body: string[]): number {
  return body.filter((l) => l.startsWith('+') || l.startsWith('-')).length;
}

/**
 * Returns the expected and actual output of a .result text that holds a diff, taken from the
 * variant with the fewest changed lines; undefined when the text has no (non-empty) diff.
 */
export function expectedAndActual(resultText: string): ExpectedActual | undefined {
  const lines = resultText.replace(/\r\n/g, '\n').split('\n');
  const sections = diffSections(lines).filter((s) => s.length > 0);
  if (sections.length === 0) return undefined;
  const best = sections.reduce((a, b) => (changes(b) < changes(a) ? b : a));
  const expected: string[] = [];
  const actual: string[] = [];
  for (const line of best) {
    const text = line.slice(2);
    if (line[0] !== '+') expected.push(text);
    if (line[0] !== '-') actual.push(text);
  }
  return { expected: expected.map((l) => `${l}\n`).join(''), actual: actual.map((l) => `${l}\n`).join('') };
}

/** The text of a .result file without its first line when that is only the verdict ("FAIL"). */
export function resultExplanation(resultText: string): string {
  const text = resultText.replace(/\r\n/g, '\n').trimEnd();
  const lines = text.split('\n');
  if (lines.length > 1 && /^(FAIL|PASS)\s*$/.test(lines[0])) return lines.slice(1).join('\n').trim();
  return text;
}
