// The extension's top-level commands: debug a program picked from the workspace, open the
// panels, refresh, filter events, select a process.
import * as vscode from 'vscode';
import type { PintosExtensionParts } from './api';
import { configurationFor, pickProgram } from './program-finder';

/** Registers the commands that are not about one page. */
export function registerCommands(parts: PintosExtensionParts): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pintos.debugProgram', async () => {
      const picked = await pickProgram();
      if (picked === undefined) return false;
      return vscode.debug.startDebugging(picked.folder, configurationFor(picked));
    }),
    vscode.commands.registerCommand('pintos.showPageTable', () => parts.panels.show('pageTable')),
    vscode.commands.registerCommand('pintos.showFrameMap', () => parts.panels.show('frameMap')),
    vscode.commands.registerCommand('pintos.showSwapMap', () => parts.panels.show('swapMap')),
    vscode.commands.registerCommand('pintos.showTimeline', () => parts.panels.show('timeline')),
    vscode.commands.registerCommand('pintos.refreshViews', () => parts.watch.refresh()),
    vscode.commands.registerCommand('pintos.filterEvents', () => parts.views.events.pickKinds()),
    vscode.commands.registerCommand('pintos.selectProcess', (pid?: unknown) => {
      if (typeof pid === 'number') parts.watch.selectPid(pid);
    }),
    vscode.commands.registerCommand('pintos.travelToEvent', (event?: { seq?: unknown }) => travelToEvent(parts, event)),
  ];
}

/**
 * Travels the paused session to the moment event `event.seq` happened (the VM Events view's item,
 * or the selected one). Says why when it cannot: no session, running, the event is unknown.
 */
async function travelToEvent(parts: PintosExtensionParts, event?: { seq?: unknown }): Promise<boolean> {
  const seq = typeof event?.seq === 'number' ? event.seq : parts.views.events.view.selection[0]?.seq;
  if (seq === undefined) return false;
  if (parts.watch.activeSession === undefined) {
    void vscode.window.showInformationMessage('Start a Pintos debug session to travel to an event.');
    return false;
  }
  if (parts.watch.running) {
    void vscode.window.showInformationMessage('Pause the program first: time travel starts from a stop.');
    return false;
  }
  return (await parts.watch.request('pintos/travelToEvent', { seq })) !== undefined;
}
