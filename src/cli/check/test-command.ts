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
 * prerequisite. The command's text follows the shape of the Pintos test rule: `pintos -v -k
 * -T $(TIMEOUT) -m $(MEMORY) ...`, with the file-system and swap parts when the tree has them.
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
  const text = tree.make.expand(commandTemplate(tree), context).trim();
  const [, ...argv] = shellWords(text);
  return { text, argv, prerequisites };
}

/** The test rule's command in make syntax, for this tree's kernel subdirectories. */
function commandTemplate(tree: BuildTree): string {
  const parts = ['pintos -v -k -T $(TIMEOUT) -m $(MEMORY) $(SIMULATOR) $(PINTOSOPTS)'];
  if (tree.hasUserprog) parts.push('--fs-disk=$(FSDISK) $(foreach file,$(PUTFILES),-p $(file):$(notdir $(file)))');
  if (tree.hasVm) parts.push('--swap-disk=$(SWAP_DISK)');
  parts.push('-- -q $(KERNELFLAGS)');
  if (tree.hasUserprog) parts.push('-f');
  parts.push("$(if $($*_ARGS),run '$(*F) $($*_ARGS)',run $(*F))");
  return parts.join(' ');
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
