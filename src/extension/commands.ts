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
  ];
}
