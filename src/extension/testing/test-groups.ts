// How the tests of a build folder are grouped in the Test Explorer: as their folders in tests/,
// e.g. tests/vm/cow/cow-simple sits in "tests/vm" → "cow". The first level is named with its
// whole path (tests/vm, tests/userprog) since that is how Pintos names the test suites.

/** One level of a test's group chain. */
export interface GroupLevel {
  /** the group's path, e.g. "tests/vm/cow" */
  path: string;
  /** its label in the tree: the whole path at the first level, else the last folder name */
  label: string;
}

/**
 * Returns the groups a test of group `group` sits in, outermost first: "tests/vm/cow" gives
 * [tests/vm, tests/vm/cow]; a group of one or two folders is a single level. Empty for "".
 */
export function groupLevels(group: string): GroupLevel[] {
  const parts = group.split('/').filter((p) => p !== '');
  if (parts.length === 0) return [];
  const firstLength = Math.min(2, parts.length);
  const levels: GroupLevel[] = [{ path: parts.slice(0, firstLength).join('/'), label: parts.slice(0, firstLength).join('/') }];
  for (let i = firstLength; i < parts.length; i++) levels.push({ path: parts.slice(0, i + 1).join('/'), label: parts[i] });
  return levels;
}

/** The item id of test `testId` (e.g. "tests/vm/mmap-read") of build folder `buildDir`. */
export function testItemId(buildDir: string, testId: string): string {
  return `${buildDir}::${testId}`;
}

/**
 * The item id of group `group` (e.g. "tests/vm") of build folder `buildDir`. Unlike a test's it
 * has "::group:" after the folder, so menus can tell tests (testId =~ /::tests\//) from groups.
 */
export function groupItemId(buildDir: string, group: string): string {
  return `${buildDir}::group:${group}`;
}
