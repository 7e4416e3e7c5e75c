// The extension's top-level commands: debug a program picked from the workspace, open the
// panels, refresh, filter events, select a process.
import * as vscode from 'vscode';
import type { PintosExtensionParts } from './api';
import { shortCount } from './format';
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
    vscode.commands.registerCommand('pintos.setGuestSpeed', (speed?: unknown) => setGuestSpeed(parts, speed)),
  ];
}

/** The speeds offered by "Set Guest Speed", in instructions per second (0: full speed). */
const GUEST_SPEEDS = [0, 50_000_000, 10_000_000, 1_000_000, 100_000, 10_000];

/**
 * Slows the guest of the active session down (or back to full speed) so the views can be
 * watched as it runs: `speed` in instructions per second, or picked from a list. Returns the
 * speed set, or undefined when nothing changed.
 */
async function setGuestSpeed(parts: PintosExtensionParts, speed?: unknown): Promise<number | undefined> {
  if (parts.watch.activeSession === undefined) {
    void vscode.window.showInformationMessage('Start a Pintos debug session to set the speed of its guest.');
    return undefined;
  }
  let ips = typeof speed === 'number' ? speed : undefined;
  if (ips === undefined) {
    const items = GUEST_SPEEDS.map((s) => ({
      label: s === 0 ? 'Full speed' : `${shortCount(s)} instructions per second`,
      description: s === parts.watch.guestSpeed ? 'current' : undefined,
      speed: s,
    }));
    ips = (await vscode.window.showQuickPick(items, { title: 'Guest speed', placeHolder: 'Slow the guest down to watch the VM views change as it runs' }))?.speed;
  }
  if (ips === undefined) return undefined;
  const answer = await parts.watch.request('pintos/setGuestSpeed', { instructionsPerSecond: ips });
  if (answer === undefined) return undefined;
  parts.watch.guestSpeed = answer.instructionsPerSecond;
  parts.runStatus.update();
  return answer.instructionsPerSecond;
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
