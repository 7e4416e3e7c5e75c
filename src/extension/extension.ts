// Extension entry point: registers the debug adapter, the launch configuration providers, the
// VM views and panels and their commands, and the Test Explorer for Pintos build trees.
// Returns its parts for the extension's own tests.
import * as vscode from 'vscode';
import { adapterFactory } from './adapter-factory';
import type { PintosExtensionParts } from './api';
import { registerCommands } from './commands';
import { PintosConfigurationProvider, PintosDynamicConfigurations } from './configuration-provider';
import { MEMORY_SCHEME, MemoryDocuments } from './memory-document';
import { registerPageActions } from './page-actions';
import { RunStatus } from './run-status';
import { PanelManager } from './panels/panel-manager';
import { EventsView } from './views/events-view';
import { FramesView } from './views/frames-view';
import { ProcessesView } from './views/processes-view';
import { SptView } from './views/spt-view';
import { registerTestExplorer } from './testing/test-explorer';
import { SwapSlotsView } from './views/swap-view';
import { VmWatch } from './vm-watch';

/** Called by VS Code on activation; everything registered is disposed through the context. */
export function activate(context: vscode.ExtensionContext): PintosExtensionParts {
  const log = vscode.window.createOutputChannel('Pintos VM', { log: true });
  const watch = new VmWatch(log);
  const configurations = new PintosConfigurationProvider();
  const views = {
    processes: new ProcessesView(watch),
    spt: new SptView(watch),
    frames: new FramesView(watch),
    swap: new SwapSlotsView(watch),
    events: new EventsView(watch, context.workspaceState),
  };
  const panels = new PanelManager({
    watch,
    extensionUri: context.extensionUri,
    log,
    revealPage: async (pid, va) => {
      await vscode.commands.executeCommand('pintos.revealPage', pid, va);
    },
    travelToEvent: async (seq) => (await vscode.commands.executeCommand<boolean>('pintos.travelToEvent', { seq })) === true,
  });
  const testing = registerTestExplorer(context.extensionPath, log);
  const runStatus = new RunStatus(watch);
  const parts: PintosExtensionParts = { watch, views, panels, configurations, tests: testing.explorer, runStatus };
  context.subscriptions.push(
    log,
    watch,
    ...Object.values(views),
    panels,
    runStatus,
    vscode.debug.registerDebugAdapterDescriptorFactory('pintos', adapterFactory(context.extensionPath, context.logUri.fsPath)),
    vscode.debug.registerDebugConfigurationProvider('pintos', configurations),
    vscode.debug.registerDebugConfigurationProvider('pintos', new PintosDynamicConfigurations(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.workspace.registerTextDocumentContentProvider(MEMORY_SCHEME, new MemoryDocuments(watch)),
    ...registerCommands(parts),
    ...registerPageActions({ watch, spt: views.spt, events: views.events, panels }),
    ...testing.disposables,
  );
  return parts;
}

/** Called by VS Code on deactivation; everything is disposed through the context. */
export function deactivate(): void {}
