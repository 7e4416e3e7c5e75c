// Extension entry point: activation and the factory that starts the debug adapter as a separate
// Node process speaking DAP on stdio, so a busy emulator never freezes the editor.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Called by VS Code on activation; registers what the extension contributes. */
export function activate(context: vscode.ExtensionContext): void {
  const adapterPath = path.join(context.extensionPath, 'dist', 'adapter.js');
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('pintos', {
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterExecutable(process.execPath, [adapterPath]),
    }),
  );
}

/** Called by VS Code on deactivation; everything is disposed through the context. */
export function deactivate(): void {}
