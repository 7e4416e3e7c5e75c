// "Pintos: Compare My Kernel's Output with Ours": a diff editor of the transcript the student's
// own kernel wrote for a test (left) against the one our kernel writes (right). Our transcript is
// made first when it does not exist yet, by running the test. Reached from a test's context
// menu, a failure message in the test results, or the command palette (then a test is picked).
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestCatalog } from './test-catalog';
import type { TestEntry } from './test-tree';

/** The command's id (package.json contributes it with its title and menus). */
export const COMPARE_COMMAND = 'pintos.compareWithReference';

/** What the comparison needs from the explorer. */
export interface CompareContext {
  catalog: TestCatalog;
  /** Runs one test (as the Run profile does); resolves when its run has ended and the tree is refreshed. */
  runTest(entry: TestEntry): Promise<void>;
}

async function exists(file: string | null): Promise<boolean> {
  if (file === null) return false;
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The test item an invocation names: a TestItem (item menu) or `{ test }` (message menus). */
function itemOf(arg: unknown): vscode.TestItem | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = 'test' in arg ? (arg as { test?: unknown }).test : arg;
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as { id?: unknown }).id === 'string' ? (candidate as vscode.TestItem) : undefined;
}

/** A build folder as the user knows it: "vm/build". */
function buildDirName(buildDir: string): string {
  return `${path.basename(path.dirname(buildDir))}/${path.basename(buildDir)}`;
}

/** Asks which test to compare (tests with a transcript of the student's own first). */
async function pickTest(catalog: TestCatalog): Promise<TestEntry | undefined> {
  await catalog.whenLoaded();
  const entries = catalog.allEntries();
  if (entries.length === 0) {
    void vscode.window.showErrorMessage('No Pintos tests found: open a Pintos tree whose build folder (e.g. vm/build) has been made.');
    return undefined;
  }
  const withOwn = await Promise.all(entries.map(async (e) => ({ e, own: await exists(e.info.ownOutput) })));
  withOwn.sort((a, b) => Number(b.own) - Number(a.own));
  const picked = await vscode.window.showQuickPick(
    withOwn.map(({ e, own }) => ({ label: e.info.id, description: `${buildDirName(e.buildDir)} · ${own ? 'has your transcript' : 'no transcript of yours yet'}`, entry: e })),
    { title: "Compare your kernel's output with ours", placeHolder: 'Pick a test', matchOnDescription: true },
  );
  return picked?.entry;
}

/**
 * Opens the diff of the student's transcript of the test `arg` names (or one picked) against
 * ours, running the test first when ours does not exist. Tells the user what to do when they
 * have no transcript of their own. Never throws.
 */
export async function compareWithReference(context: CompareContext, arg?: unknown): Promise<void> {
  const item = itemOf(arg);
  let entry = item !== undefined ? context.catalog.entry(item.id) : await pickTest(context.catalog);
  if (entry === undefined) {
    if (item !== undefined) void vscode.window.showErrorMessage(`"${item.label}" is not a Pintos test: pick a test, not a group.`);
    return;
  }
  const { id } = entry.info;
  if (!(await exists(entry.info.ownOutput))) {
    void vscode.window.showInformationMessage(`You have no transcript of your own for ${id} yet: run \`make ${id}.result\` in ${entry.buildDir} with your kernel first, then compare again.`);
    return;
  }
  if (!(await exists(entry.info.referenceOutput))) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Running ${id} on our kernel…` }, () => context.runTest(entry as TestEntry));
    entry = context.catalog.entry(entry.item.id) ?? entry;
    if (!(await exists(entry.info.referenceOutput))) {
      void vscode.window.showErrorMessage(`Our kernel wrote no transcript for ${id} (expected at ${entry.info.referenceOutput}); see the Test Results for why.`);
      return;
    }
  }
  if (!(await exists(entry.info.ownOutput))) {
    void vscode.window.showErrorMessage(`Your transcript of ${id} is gone (it was at ${entry.info.ownOutput}): run \`make ${id}.result\` in ${entry.buildDir} again.`);
    return;
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    vscode.Uri.file(entry.info.ownOutput as string),
    vscode.Uri.file(entry.info.referenceOutput),
    `${entry.info.name}: your kernel ↔ ours`,
    { preview: true },
  );
}
