// Which file changes in a Pintos tree may change its tests: not the transcripts and results a
// test run writes, nor the compiler's object and dependency files, nor editor or disk scratch.

const NOT_A_TEST_CHANGE = /\.(output|result|errors|o|d|tmp|swp|dsk)$|\.output\.[^/\\]*$|[/\\]\.[^/\\]*$/;

/** True when a change of `file` (a path) may change the tests of its tree. */
export function changesTests(file: string): boolean {
  return !NOT_A_TEST_CHANGE.test(file);
}
