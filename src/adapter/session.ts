// The DAP session: translates DAP requests into runtime calls, nothing more.
import { DebugSession } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';

/** One debugging session of one Pintos machine. */
export class PintosDebugSession extends DebugSession {
  /** Answers `initialize` with the capabilities this adapter really implements. */
  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = { ...response.body, supportsConfigurationDoneRequest: true, supportsTerminateRequest: true };
    this.sendResponse(response);
  }
}
