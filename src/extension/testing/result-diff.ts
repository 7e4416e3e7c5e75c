// Reads a Pintos checker's .result text. A failed output comparison of Pintos' tests.pm reads:
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
// with one "Acceptable output" + "Differences" pair per accepted variant; other checker
// libraries print a unified diff after "--- expected" / "+++ actual" lines, with one-character
// prefixes. Either diff covers the whole output, so its unchanged and '-' lines give the expected
// text and its unchanged and '+' lines what the kernel printed. Other failures (a panic, a
// timeout, a missing line) have no diff.

/** Expected and actual output of a failed comparison. */
export interface ExpectedActual {
  expected: string;
  actual: string;
}

/** One line of a diff: in both outputs (' '), only the expected one ('-'), or only the actual one ('+'). */
interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

const PINTOS_DIFF_HEADER = /^Differences in `diff -u' format:\s*$/;
const SECTION_END = /^(Acceptable outputs?:|Differences in `diff -u' format:|\(.*are excluded for matching purposes\.\))\s*$/;

/** The diff lines of `lines` from `from` on, each with a prefix `width` characters wide. */
function diffBody(lines: string[], from: number, width: 1 | 2): DiffLine[] {
  const body: DiffLine[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (width === 1 && line.startsWith('@@')) continue;
    const op = line[0];
    if (SECTION_END.test(line) || (op !== ' ' && op !== '-' && op !== '+') || (width === 2 && line[1] !== ' ')) break;
    body.push({ op: op as DiffLine['op'], text: line.slice(width) });
  }
  return body;
}

/** The diffs of a .result text (its lines), in either of the two forms above. */
function diffSections(lines: string[]): DiffLine[][] {
  const sections: DiffLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (PINTOS_DIFF_HEADER.test(lines[i])) sections.push(diffBody(lines, i + 1, 2));
    else if (lines[i].startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) sections.push(diffBody(lines, i + 2, 1));
  }
  return sections;
}

/** Number of changed lines of a diff. */
function changes(body: DiffLine[]): number {
  return body.filter((l) => l.op !== ' ').length;
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
  for (const { op, text } of best) {
    if (op !== '+') expected.push(text);
    if (op !== '-') actual.push(text);
  }
  return { expected: expected.map((l) => `${l}\n`).join(''), actual: actual.map((l) => `${l}\n`).join('') };
}

/**
 * The text of a failure message made of a .result text: the same lines, except that a bare
 * verdict line ("FAIL") is joined with the first line that explains it ("FAIL: Run didn't
 * produce any output"), since the Test Explorer shows a message by its first line.
 */
export function failureText(resultText: string): string {
  const lines = resultText.replace(/\r\n/g, '\n').trimEnd().split('\n');
  const reason = lines.findIndex((l, i) => i > 0 && l.trim() !== '');
  if (!/^FAIL\s*$/.test(lines[0]) || reason < 0) return lines.join('\n');
  return [`FAIL: ${lines[reason].trim()}`, ...lines.slice(reason + 1)].join('\n');
}
