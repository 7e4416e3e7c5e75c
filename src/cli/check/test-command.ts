// The `pintos` command `make check` runs for one test: the command text with the tree's
// variables substituted for the test's `.output` target, split as the shell would.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildTree } from './build-tree';
import type { TargetContext } from './make-database';
import { words } from './make-lines';
import { shellWords } from './shell-words';

/** A prerequisite of TEST.output, found as make finds it (build directory first, then SRCDIR). */
export interface Prerequisite {
  /** the name the makefile uses, e.g. tests/vm/sample.txt */
  name: string;
  /** absolute path where it is, or where make would build it when it is missing */
  host: string;
  exists: boolean;
}

/** What running one test takes. */
export interface TestCommand {
  /** the command as make would hand it to the shell, without its redirections */
  text: string;
  /** the arguments after `pintos` */
  argv: string[];
  /** the files TEST.output depends on (the program, put-files), without os.dsk */
  prerequisites: Prerequisite[];
}

/** The disk image every test depends on, which the tree's PUTFILES filters out. */
const DISK_IMAGE = 'os.dsk';

/**
 * Builds the command of test `id` (e.g. tests/vm/mmap-read) in `tree`. `isUserProgram`: the test
 * runs the program of the same name (it is in a `_PROGS` list), which is then its first
 * prerequisite. The command has the shape of the Pintos test rule — pintos -v -k, -T TIMEOUT,
 * -m MEMORY, SIMULATOR, PINTOSOPTS, then with userprog the file-system disk and one -p per
 * PUTFILES entry, with vm the swap disk, then -- -q KERNELFLAGS, -f with userprog, and run —
 * with each variable's value for the test's .output target put in as text, then split as the
 * shell splits it (so a TIMEOUT of `360 -m 20` carries its -m along).
 */
export function testCommand(tree: BuildTree, id: string, isUserProgram: boolean): TestCommand {
  const target = `${id}.output`;
  const bare: TargetContext = { target, automatic: { '@': target, '*': id } };
  const names = [
    ...(isUserProgram ? [id] : []),
    ...words(tree.make.value(`${id}_PUTFILES`, bare)),
    ...(tree.make.rules.get(target) ?? []),
  ].filter((n) => n !== DISK_IMAGE);
  const prerequisites = [...new Set(names)].map((name) => findPrerequisite(tree, name));
  const all = [DISK_IMAGE, ...prerequisites.map((p) => p.host)];
  const context: TargetContext = { target, automatic: { '@': target, '*': id, '^': all.join(' '), '<': DISK_IMAGE } };
  const value = (name: string) => tree.make.value(name, context);
  const parts = ['pintos -v -k -T', value('TIMEOUT'), '-m', value('MEMORY'), value('SIMULATOR'), value('PINTOSOPTS')];
  if (tree.hasUserprog) {
    parts.push(`--fs-disk=${value('FSDISK')}`);
    for (const file of words(value('PUTFILES'))) parts.push(`-p ${file}:${path.posix.basename(file)}`);
  }
  if (tree.hasVm) parts.push(`--swap-disk=${value('SWAP_DISK')}`);
  parts.push('-- -q', value('KERNELFLAGS'));
  if (tree.hasUserprog) parts.push('-f');
  const program = path.posix.basename(id);
  const args = value(`${id}_ARGS`);
  parts.push(args === '' ? `run ${program}` : `run '${program} ${args}'`);
  const text = parts.filter((p) => p.trim() !== '').join(' ');
  const [, ...argv] = shellWords(text);
  return { text, argv, prerequisites };
}

/** Where make finds `name`: in the build directory, else in SRCDIR (VPATH), else missing. */
function findPrerequisite(tree: BuildTree, name: string): Prerequisite {
  if (path.isAbsolute(name)) return { name, host: name, exists: existsSync(name) };
  const built = path.join(tree.buildDir, name);
  if (existsSync(built)) return { name, host: built, exists: true };
  const source = path.join(tree.srcDir, name);
  if (existsSync(source)) return { name, host: source, exists: true };
  return { name, host: built, exists: false };
}
