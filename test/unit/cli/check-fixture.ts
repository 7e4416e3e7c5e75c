// The fixture Pintos tree of the `pintos-vm check` tests, copied into a temporary directory with
// its programs (built by `make -C userprogs pintos-tree`) in vm/build and userprog/build, as a
// student's tree looks after `make`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const fixture = path.join(repoRoot, 'test', 'fixtures', 'pintos-tree');
const builtPrograms = path.join(repoRoot, 'userprogs', 'build', 'pintos-tree');

/** A temporary copy of the fixture tree. */
export interface FixtureTree {
  root: string;
  vmBuild: string;
  userprogBuild: string;
}

/** Builds the fixture's programs when they are out of date (make does nothing when they are not). */
export function buildFixturePrograms(): void {
  execFileSync('make', ['-s', '-C', path.join(repoRoot, 'userprogs'), 'pintos-tree'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A fresh copy of the tree with the programs in both build directories. */
export function makeFixtureTree(): FixtureTree {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'pintos-tree-')), 'pintos');
  cpSync(fixture, root, { recursive: true });
  const builds = { vmBuild: path.join(root, 'vm', 'build'), userprogBuild: path.join(root, 'userprog', 'build') };
  for (const build of Object.values(builds)) {
    mkdirSync(build, { recursive: true });
    writeFileSync(path.join(build, 'Makefile'), buildMakefile);
    if (!existsSync(builtPrograms)) throw new Error(`${builtPrograms} is missing: run make -C userprogs pintos-tree`);
    cpSync(path.join(builtPrograms, 'tests'), path.join(build, 'tests'), { recursive: true });
  }
  return { root, ...builds };
}

/** The Makefile a build directory has (what matters to pintos-vm check: SRCDIR and the includes). */
const buildMakefile = `# Build directory of the fixture tree.
SRCDIR = ../..

all: check

include ../../Make.config
include ../Make.vars
include ../../tests/Make.tests
`;
