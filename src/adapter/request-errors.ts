// How a failed request is reported. One place decides what the user sees: problems the user must
// fix (launch attributes, files, expressions) carry their message as it is; requests that came at
// the wrong time or with bad arguments say what is wrong; anything else is an internal error,
// logged with its stack. Only failures of starting a program pop up (showUser); the others show
// where they happened (watch, hover, console).
import { UserFacingError } from '../runtime/contract';
import { logError, logFile } from './log';

/** A request that cannot be served now or with these arguments (the client's or user's doing). */
export class RequestError extends Error {
  constructor(
    message: string,
    /** show the message to the user (a dialog or notification), not only in the response */
    readonly showUser = false,
  ) {
    super(message);
  }
}

/** Message ids of error responses (`Message.id`), stable for clients and tests. */
export const ErrorId = {
  userFacing: 2001,
  request: 2002,
  internal: 2003,
  cancelled: 2004,
} as const;

/** Requests whose failure the user must see at once (a notification), not only where it happened. */
const SHOWN_TO_USER = new Set(['launch', 'restart', 'configurationDone']);

/** What an error response carries. */
export interface FailureReport {
  id: number;
  message: string;
  showUser: boolean;
  internal: boolean;
}

/**
 * Classifies `error` thrown while serving `command`. Internal errors are logged with their stack
 * and reported as "internal error: …" naming the log file; the others carry their own message.
 */
export function describeFailure(command: string, error: unknown): FailureReport {
  const shown = SHOWN_TO_USER.has(command);
  if (error instanceof UserFacingError) {
    return { id: ErrorId.userFacing, message: error.message, showUser: shown, internal: false };
  }
  if (error instanceof RequestError) {
    return { id: ErrorId.request, message: error.message, showUser: shown || error.showUser, internal: false };
  }
  logError(`internal error in '${command}'`, error);
  const text = error instanceof Error ? error.message : String(error);
  return { id: ErrorId.internal, message: `internal error: ${text} (details in ${logFile()})`, showUser: shown, internal: true };
}
