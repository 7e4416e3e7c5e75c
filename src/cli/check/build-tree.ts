// A student's Pintos build directory (vm/build, userprog/build...): where it is, where its
// source tree is (SRCDIR), and the makefile variables `make check` would see there.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../boot';
import { MakeDatabase } from './make-database';
import { words } from './make-lines';

/** A build directory with its makefiles read. */
export interface BuildTree {
  /** absolute path of the build directory (where make runs) */
  buildDir: string;
  /** SRCDIR as the build directory's Makefile writes it (relative to buildDir, normally ../..) */
  srcDirAsWritten: string;
  /** absolute path of the source tree */
  srcDir: string;
  /** the variables and rules of Make.config, ../Make.vars and tests/Make.tests */
  make: MakeDatabase;
  /** KERNEL_SUBDIRS has userprog: tests get a file-system disk, -p files and -f */
  hasUserprog: boolean;
  /** KERNEL_SUBDIRS has vm: tests get a swap disk */
  hasVm: boolean;
  /** TEST_SUBDIRS, in order */
  testSubdirs: string[];
}

/**
 * Reads the build directory `dir`. Throws UserError when it is not one, saying what was looked
 * for and, when `dir` looks like another part of a Pintos tree, where the build directory is.
 */
export function readBuildTree(dir: string): BuildTree {
  const buildDir = path.resolve(dir);
  if (!existsSync(buildDir) || !statSync(buildDir).isDirectory()) {
    throw new UserError(`${buildDir}: no such directory (a Pintos build directory appears after 'make' in vm/ or userprog/)`);
  }
  const srcDirAsWritten = srcDirOf(buildDir);
  const varsFile = path.join(buildDir, '..', 'Make.vars');
  const testsFile = path.resolve(buildDir, srcDirAsWritten, 'tests', 'Make.tests');
  if (!existsSync(varsFile) || !existsSync(testsFile)) {
    throw new UserError(notABuildDir(buildDir, varsFile, `${srcDirAsWritten}/tests/Make.tests`, testsFile));
  }
  const make = new MakeDatabase(buildDir);
  make.assign('SRCDIR', '=', srcDirAsWritten);
  make.readFile(`${srcDirAsWritten}/Make.config`, true);
  make.readFile('../Make.vars');
  make.readFile(`${srcDirAsWritten}/tests/Make.tests`);
  const kernelSubdirs = words(make.value('KERNEL_SUBDIRS'));
  return {
    buildDir,
    srcDirAsWritten,
    srcDir: path.resolve(buildDir, srcDirAsWritten),
    make,
    hasUserprog: kernelSubdirs.includes('userprog'),
    hasVm: kernelSubdirs.includes('vm'),
    testSubdirs: [...new Set(words(make.value('TEST_SUBDIRS')))],
  };
}

/** SRCDIR from the build directory's Makefile, or ../.. (what every Pintos build directory uses). */
function srcDirOf(buildDir: string): string {
  const makefile = path.join(buildDir, 'Makefile');
  if (!existsSync(makefile)) return '../..';
  const m = /^[ \t]*SRCDIR[ \t]*:{0,2}=[ \t]*(\S+)[ \t]*$/m.exec(readFileSync(makefile, 'utf8'));
  return m ? m[1] : '../..';
}

/** The message for a directory that is not a build directory, with a hint where one may be. */
function notABuildDir(buildDir: string, varsFile: string, testsName: string, testsFile: string): string {
  const lines = [
    `${buildDir} is not a Pintos build directory: looked for ../Make.vars (${varsFile}) and ${testsName} (${testsFile}).`,
  ];
  const hint = buildDirHint(buildDir);
  lines.push(hint ?? "Run 'pintos-vm check' in vm/build (or userprog/build) of your Pintos tree after 'make', or pass --build-dir DIR.");
  return lines.join('\n');
}

/** Where the build directory is, when `dir` is a project directory or the top of a tree. */
function buildDirHint(dir: string): string | undefined {
  if (existsSync(path.join(dir, 'Make.vars'))) {
    const build = path.join(dir, 'build');
    return existsSync(build)
      ? `This is a project directory; its build directory is ${build}: cd build, or pass --build-dir build.`
      : `This is a project directory; run 'make' here first, then run 'pintos-vm check' in ${build}.`;
  }
  if (existsSync(path.join(dir, 'tests', 'Make.tests'))) {
    const projects = ['vm', 'userprog', 'filesys', 'threads'].filter((p) => existsSync(path.join(dir, p, 'Make.vars')));
    if (projects.length > 0) return `This is the top of a Pintos tree; pass --build-dir ${projects[0]}/build (after 'make' in ${projects[0]}/).`;
  }
  return undefined;
}
