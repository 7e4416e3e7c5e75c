// The shape of request handlers. A handler receives the session context, the request's arguments
// and a cancellation token, and returns the response body (or a promise of it); it reports
// failure by throwing (see request-errors.ts). Handlers never write to the wire themselves.
import type { CancelToken } from './cancellation';
import type { SessionContext } from './session-context';

/** Serves one kind of request. */
export type RequestHandler<A, B> = (ctx: SessionContext, args: A, token: CancelToken) => B | Promise<B>;

/** A handler with its argument and body types erased, as stored in a table. */
export type AnyRequestHandler = RequestHandler<unknown, unknown>;

/** Handlers by request command. */
export type RequestTable = Readonly<Record<string, AnyRequestHandler>>;

/** Erases a typed handler's types for a table; the router passes it the request's own arguments. */
export function handler<A, B>(fn: RequestHandler<A, B>): AnyRequestHandler {
  return fn as unknown as AnyRequestHandler;
}
