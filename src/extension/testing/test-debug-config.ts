// The launch configuration that debugs one test of a Pintos build tree the way `make check` runs
// it: its program with its arguments, the extra files its Make.tests puts on the disk, its RAM
// and swap size. The adapter puts the program itself on the disk, so it is left out of `files`.
import * as path from 'node:path';
import type { PintosLaunchArguments, PutFileSpec } from '../../shared/launch';
import type { TestInfo } from './check-protocol';

/** The attribute that marks a debug session as the debugging of a test (its value: a run key). */
export const TEST_RUN_ATTRIBUTE = 'pintosTestRun';

/** A `pintos` launch configuration for a test. */
export interface TestDebugConfiguration extends PintosLaunchArguments {
  type: 'pintos';
  request: 'launch';
  name: string;
  [TEST_RUN_ATTRIBUTE]: string;
}

/** A test with a program (every test but a kernel test). */
export type ProgramTest = TestInfo & { program: string };

/** True when `test` runs a program of its own, so it can be debugged. */
export function hasProgram(test: TestInfo): test is ProgramTest {
  return test.program !== null;
}

/** True when `put` is the program itself (same host file, or the program's name on the disk). */
function isTheProgram(put: PutFileSpec, test: ProgramTest): boolean {
  return path.resolve(put.host) === path.resolve(test.program) || put.guest === path.basename(test.program);
}

/**
 * Returns the launch configuration debugging `test` from `buildDir` (its cwd); `runKey` is
 * stored under TEST_RUN_ATTRIBUTE so the session can be recognised. A test without a swap disk
 * gets swapDisk 0. Pure: nothing is checked on disk.
 */
export function testDebugConfiguration(test: ProgramTest, buildDir: string, runKey: string): TestDebugConfiguration {
  const files = test.puts.filter((p) => !isTheProgram(p, test)).map((p) => ({ host: p.host, guest: p.guest }));
  return {
    type: 'pintos',
    request: 'launch',
    name: `Pintos test: ${test.id}`,
    program: test.program,
    args: [...test.args],
    files,
    memoryMB: test.memoryMB,
    swapDisk: test.swapDisk ?? 0,
    stopOnEntry: false,
    cwd: buildDir,
    [TEST_RUN_ATTRIBUTE]: runKey,
  };
}
