// Refreshes the Test Explorer when a Pintos tree changes in a way that changes its tests: a
// Make.tests or Make.vars is edited, or a build (re)makes, adds or removes test programs. The
// files a test run writes (transcripts, results) are not such a change. Bursts of changes, as a
// `make` produces, end in one refresh after a quiet moment.
import * as vscode from 'vscode';
import { changesTests } from './test-change-filter';

/** Quiet time after the last change before the tests are listed again. */
export const REFRESH_DELAY_MS = 1500;

/** Watches the workspace's Pintos trees and calls `refresh` (debounced) on relevant changes. */
export function watchPintosTrees(refresh: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (uri?: vscode.Uri) => {
    if (uri !== undefined && !changesTests(uri.fsPath)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      refresh();
    }, REFRESH_DELAY_MS);
  };
  const watchers = ['**/{Make.tests,Make.vars}', '**/build', '**/build/tests/**'].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const subscriptions = watchers.flatMap((w) => [w.onDidCreate(later), w.onDidChange(later), w.onDidDelete(later)]);
  subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => later()));
  return new vscode.Disposable(() => {
    if (timer !== undefined) clearTimeout(timer);
    for (const d of [...subscriptions, ...watchers]) d.dispose();
  });
}
