// Starts the debug adapter (dist/adapter.js) as a separate Node process speaking DAP on stdio,
// so a busy emulator never freezes the editor. In desktop VS Code the extension host's
// executable is Electron, which runs as plain Node with ELECTRON_RUN_AS_NODE. The adapter logs
// into the extension's own log folder (PINTOS_VM_LOG_DIR), never into the shared temp folder.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The factory for the `pintos` debug type; `logDir` is the extension's log folder (context.logUri). */
export function adapterFactory(extensionPath: string, logDir: string): vscode.DebugAdapterDescriptorFactory {
  const adapterPath = path.join(extensionPath, 'dist', 'adapter.js');
  return {
    createDebugAdapterDescriptor: () =>
      new vscode.DebugAdapterExecutable(process.execPath, [adapterPath], { env: { ELECTRON_RUN_AS_NODE: '1', PINTOS_VM_LOG_DIR: logDir } }),
  };
}
