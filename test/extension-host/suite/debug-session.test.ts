// A real debug session of the stack-grow sample (the adapter in its own process): the views
// follow the stopped process, the frame map panel renders every frame, the run stops at its end
// with the final state shown, ends, and the views keep that last state marked as ended.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SptNode } from '../../../src/extension/views/spt-view';
import { folder, parts, until } from './extension';

describe('debug session of stack-grow', () => {
  let ended: Promise<void>;
  let entryRetired = 0;

  after(async () => {
    const { watch } = await parts();
    if (watch.activeSession !== undefined) await vscode.debug.stopDebugging(watch.activeSession);
  });

  it('stops on entry and the views show the process', async () => {
    const p = await parts();
    ended = new Promise((resolve) => {
      const d = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.type === 'pintos') {
          d.dispose();
          resolve();
        }
      });
    });
    assert.ok(await vscode.debug.startDebugging(folder(), 'stack-grow'), 'the session starts');
    await until('the stop on entry', () => p.watch.activeSession !== undefined && !p.watch.running && p.watch.pid !== undefined);
    await p.views.processes.reload();
    const procs = p.views.processes.getChildren();
    assert.deepEqual(
      procs.map((x) => [x.name, x.pid]),
      [['stack-grow', p.watch.pid]],
    );
    await p.views.spt.reload();
    const groups = p.views.spt.getChildren().map((n) => ('page' in n ? '' : n.group.id));
    assert.ok(groups.includes('code') && groups.includes('stack'), `groups: ${groups.join(', ')}`);
    const stack = p.views.spt.getChildren().find((n): n is Extract<SptNode, { group: unknown }> => !('page' in n) && n.group.id === 'stack');
    const item = p.views.spt.getTreeItem(p.views.spt.getChildren(stack)[0]);
    assert.match(String(item.description), /^frame \d+ · anon · rw/);
    await until('the run status to show the stop', () => /stopped/.test(p.runStatus.item.text) || undefined);
    assert.match(p.runStatus.item.text, /^\$\(debug-pause\) stack-grow: stopped · [\d.]+(?: [KMG])? instructions · [\d,]+ events$/);
    entryRetired = p.watch.counters!.retired;
  });

  it('the frame table and the frame map show every frame', async () => {
    const p = await parts();
    await p.views.frames.reload();
    const frames = p.views.frames.getChildren();
    assert.ok(frames.length > 0);
    const panel = p.panels.show('frameMap');
    const first = await until('the frame map to render', () => panel.timings.find((t) => t.phase === 'first'));
    assert.equal(first.items, 2495);
    assert.ok(first.ms > 0, 'the first render was measured (its time is not a test: a loaded machine must not fail it)');
  });

  it('reveals a page of a frame in the Supplemental Page Table view', async () => {
    const p = await parts();
    const frame = p.views.frames.getChildren()[0];
    const owner = frame.owners[0];
    await vscode.commands.executeCommand('pintos.revealPage', owner.pid, owner.page);
    const selected = await until('the selection', () => p.views.spt.view.selection[0]);
    assert.ok('page' in selected && selected.page.va === owner.page);
  });

  it('stops at the end with the final state in the views, and ends when continued again', async () => {
    const p = await parts();
    await vscode.commands.executeCommand('workbench.action.debug.continue');
    await until('the stop at the end', () => p.watch.activeSession !== undefined && !p.watch.running && p.watch.lastStopReason === 'end');
    await p.views.processes.reload();
    assert.match(String(p.views.processes.getTreeItem(p.views.processes.getChildren()[0]).description), /^stopped · pid \d+ · \d+ resident · [1-9]\d* faults/);
    await p.views.frames.reload();
    assert.ok(p.views.frames.getChildren().length > 0, 'the frames of the ended program are still shown');
    await until('the run status to show the end', () => /at its end/.test(p.runStatus.item.text) || undefined);
    assert.match(p.runStatus.item.text, /^\$\(debug-pause\) stack-grow: at its end · [\d.]+(?: [KMG])? instructions/);
    assert.ok(p.watch.counters!.retired > entryRetired, `instructions at the end ${p.watch.counters!.retired} > at entry ${entryRetired}`);
    await vscode.commands.executeCommand('workbench.action.debug.continue');
    await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the session did not end')), 60_000))]);
  });

  it('keeps the last state in the views once the session has ended, marked as ended', async () => {
    const p = await parts();
    await until('the watch to see the end', () => p.watch.activeSession === undefined && p.watch.endedSession !== undefined);
    await p.views.processes.reload();
    assert.match(p.views.processes.view.message ?? '', /"stack-grow" ended: this is its last state/);
    assert.ok(p.views.processes.getChildren().length > 0, 'the processes are still listed');
  });
});
