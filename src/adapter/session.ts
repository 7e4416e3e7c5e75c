// The DAP session: translates DAP requests into runtime calls, nothing more. Requests are served
// from handler tables (src/adapter/requests/), one module per concern; this class only wires
// the protocol library to them.
import { DebugSession, OutputEvent, Response, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Readable } from 'node:stream';
import { adapterCapabilities } from './capabilities';
import { guardFrames } from './frame-guard';
import { log, logError, logFile } from './log';
import { Outbox } from './outbox';
import { ErrorId } from './request-errors';
import { RequestRouter } from './request-router';
import { allRequests } from './requests';
import { SessionContext } from './session-context';

/** One debugging session of one Pintos machine. */
export class PintosDebugSession extends DebugSession {
  private readonly ctx: SessionContext;
  private readonly router: RequestRouter;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    // the protocol library ends the session on any 'error', a malformed frame included
    this.removeAllListeners('error');
    this.on('error', (event: DebugProtocol.Event) => this.protocolError(String(event.body)));
    const outbox = new Outbox(
      (event) => this.sendEvent(event),
      (error) => this.reportInternalError('a deferred action', error),
    );
    this.ctx = new SessionContext(
      outbox,
      {
        lineToClient: (l) => this.convertDebuggerLineToClient(l),
        lineFromClient: (l) => this.convertClientLineToDebugger(l),
        columnToClient: (c) => this.convertDebuggerColumnToClient(c),
        columnFromClient: (c) => this.convertClientColumnToDebugger(c),
        pathToClient: (p) => this.convertDebuggerPathToClient(p),
        pathFromClient: (p) => this.convertClientPathToDebugger(p),
      },
      () => this.shutdown(),
    );
    this.router = new RequestRouter(allRequests, this.ctx, {
      respond: (response) => this.sendResponse(response),
      respondError: (response, message) => this.sendErrorResponse(response, message),
    });
    log(`adapter started (pid ${process.pid})`);
  }

  /**
   * Reads frames from `input` through the frame guard (a header announcing an absurd length is
   * refused and reported instead of being buffered for ever) and writes to `output`.
   */
  override start(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void {
    super.start(
      guardFrames(input as Readable, (why) => this.protocolError(`refused ${why}`)),
      output,
    );
  }

  /**
   * Serves requests from the handler tables (custom 'pintos/…' requests included); `initialize`
   * goes to the base class, which records the client's line and column conventions. Any other
   * command is answered with an error rather than the base class's empty success.
   */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (request.command === 'initialize') super.dispatchRequest(request);
    else if (this.router.handles(request.command)) this.router.dispatch(request);
    else this.sendErrorResponse(new Response(request), { id: ErrorId.request, format: `unknown or unsupported request '${request.command}'` });
  }

  /** Answers `initialize` with the capabilities this adapter really implements. */
  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.ctx.client = args;
    response.body = { ...response.body, ...adapterCapabilities() };
    this.sendResponse(response);
  }

  /**
   * A frame the protocol library could not handle (not JSON, or not a message) is logged and
   * reported in the Debug Console, and the session goes on; a broken stdin or stdout ends it.
   */
  private protocolError(text: string): void {
    log(`protocol error: ${text}`);
    if (/^(in|out)Stream error/.test(text)) {
      this.shutdown();
      return;
    }
    this.sendEvent(new OutputEvent(`ignored a message the adapter could not read (${text})\n`, 'stderr'));
  }

  /**
   * Reports an error that escaped every handler (e.g. thrown while the machine ran): logged with
   * its stack, shown in the Debug Console, and the session ended cleanly rather than left hanging.
   */
  reportInternalError(where: string, error: unknown): void {
    logError(`internal error in ${where}`, error);
    const text = error instanceof Error ? error.message : String(error);
    this.sendEvent(new OutputEvent(`internal error in ${where}: ${text} (details in ${logFile()})\n`, 'stderr'));
    const d = this.ctx.debuggee;
    if (d && !d.bridge.ended) {
      d.bridge.close();
      this.sendEvent(new TerminatedEvent());
    }
  }
}
