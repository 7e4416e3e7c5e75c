// The extension activates and contributes its commands, views and debugger.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, parts } from './extension';

describe('contributions', () => {
  it('activates and returns its parts', async () => {
    const p = await parts();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.deepEqual(Object.keys(p.views).sort(), ['events', 'frames', 'processes', 'spt', 'swap']);
  });

  it('registers every contributed command', async () => {
    await parts();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('shows no data in the views before a session starts', async () => {
    const p = await parts();
    await p.views.spt.reload();
    assert.deepEqual(p.views.spt.getChildren(), []);
    assert.match(p.views.spt.view.message ?? '', /Start a Pintos debug session/);
    assert.equal(p.watch.activeSession, undefined);
  });
});
