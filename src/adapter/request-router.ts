// Serves requests from a handler table: runs the handler, answers with its body or with an error
// response decided by request-errors.ts, honours `cancel`, and keeps events and follow-up actions
// behind the response. The adapter stays alive whatever a handler throws.
import { Response } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { describeFailure, ErrorId } from './request-errors';
import type { RequestTable } from './request-table';
import type { SessionContext } from './session-context';
import { log } from './log';

/** Where responses go (the session's sendResponse / sendErrorResponse). */
export interface ResponseSink {
  respond(response: DebugProtocol.Response): void;
  respondError(response: DebugProtocol.Response, message: DebugProtocol.Message): void;
}

/** Dispatches requests whose command is in its table. */
export class RequestRouter {
  constructor(
    private readonly table: RequestTable,
    private readonly ctx: SessionContext,
    private readonly sink: ResponseSink,
  ) {}

  /** Whether `command` has a handler here. */
  handles(command: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.table, command);
  }

  /** Serves `request`; its response (or error response) is always sent exactly once. */
  dispatch(request: DebugProtocol.Request): void {
    const run = this.table[request.command];
    const response = new Response(request);
    const token = this.ctx.pending.begin(request.seq);
    this.ctx.outbox.hold();
    try {
      const result = run(this.ctx, request.arguments ?? {}, token);
      if (result instanceof Promise) {
        result.then(
          (body) => this.settle(request, response, body, undefined),
          (error: unknown) => this.settle(request, response, undefined, error),
        );
      } else {
        this.settle(request, response, result, undefined);
      }
    } catch (error) {
      this.settle(request, response, undefined, error);
    } finally {
      this.ctx.outbox.release();
    }
  }

  /** Sends the response for `request`: cancelled, failed or successful, in that order of precedence. */
  private settle(request: DebugProtocol.Request, response: DebugProtocol.Response, body: unknown, error: unknown): void {
    const cancelled = this.ctx.pending.finish(request.seq);
    if (cancelled) {
      this.sink.respondError(response, { id: ErrorId.cancelled, format: 'cancelled' });
      return;
    }
    if (error !== undefined) {
      const failure = describeFailure(request.command, error);
      if (!failure.internal) log(`'${request.command}' failed: ${failure.message}`);
      this.sink.respondError(response, { id: failure.id, format: failure.message, showUser: failure.showUser });
      return;
    }
    if (body !== undefined) response.body = body;
    this.sink.respond(response);
  }
}
