// Asks the runner for the tests a Pintos build folder defines (`check --list --json`).
import { runCliToEnd } from './cli-process';
import { ProtocolError, parseTestList, type TestList } from './check-protocol';

/** Why listing or running failed, in words for the Test Explorer. */
export function describeFailure(what: string, exit: { code: number | null; stderr: string; startError?: string }): string {
  if (exit.startError !== undefined) return `${what}: ${exit.startError}`;
  const stderr = exit.stderr.trim();
  const status = exit.code === null ? 'was stopped' : `exited with status ${exit.code}`;
  return stderr === '' ? `${what}: the runner ${status} without a message` : `${what}: ${stderr}`;
}

/**
 * Lists the tests of `buildDir` with the runner at `cliPath`. Throws an Error whose message says
 * what went wrong (runner missing, a usage error it reported, output of the wrong shape).
 */
export async function listTests(cliPath: string, buildDir: string): Promise<TestList> {
  const exit = await runCliToEnd(cliPath, ['check', '--list', '--json', '--build-dir', buildDir], buildDir);
  if (exit.startError !== undefined || exit.code !== 0) throw new Error(describeFailure(`listing the tests of ${buildDir}`, exit));
  try {
    return parseTestList(exit.stdout);
  } catch (e) {
    if (e instanceof ProtocolError) throw new Error(`listing the tests of ${buildDir}: ${e.message}`);
    throw e;
  }
}
