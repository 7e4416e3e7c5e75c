// Starts the debug adapter (dist/adapter.js) as a separate Node process speaking DAP on stdio,
// so a busy emulator never freezes the editor. In desktop VS Code the extension host's
// executable is Electron, which runs as plain Node with ELECTRON_RUN_AS_NODE.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The factory for the `pintos` debug type. */
export function adapterFactory(extensionPath: string): vscode.DebugAdapterDescriptorFactory {
  const adapterPath = path.join(extensionPath, 'dist', 'adapter.js');
  return {
    createDebugAdapterDescriptor: () => new vscode.DebugAdapterExecutable(process.execPath, [adapterPath], { env: { ELECTRON_RUN_AS_NODE: '1' } }),
  };
}
