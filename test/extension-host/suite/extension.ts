// Access to the extension under test and the sample workspace from inside the extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PintosExtensionParts } from '../../../src/extension/api';

export const EXTENSION_ID = 'pintos-vm.pintos-vm-debugger';

/** Activates the extension and returns its parts. */
export async function parts(): Promise<PintosExtensionParts> {
  const ext = vscode.extensions.getExtension<PintosExtensionParts>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

/** The workspace folder the tests run in (the sample workspace). */
export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need the sample workspace open');
  return f;
}

/** Resolves when `predicate` holds, polling every 50 ms; rejects after `ms`. */
export async function until<T>(what: string, predicate: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
