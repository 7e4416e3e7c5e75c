// Scopes and variables of a stopped machine: Locals, Registers and Globals of a frame, children
// of structs, arrays and pointers, and setVariable. The inspector builds the rows; this module
// checks the references and carries the client's formatting options.
import { InvalidatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { RequestError } from '../request-errors';
import { checkedCount, REQUEST_LIMITS } from '../request-limits';
import { handler, type RequestTable } from '../request-table';
import type { SessionContext } from '../session-context';

/** The inspector of the stopped machine, after checking that `ref` is a reference handed out since the last stop. */
function inspectorFor(ctx: SessionContext, ref: number) {
  const inspector = ctx.stoppedRuntime().inspector;
  if (!ctx.references.has(ref)) throw new RequestError(`variables reference ${ref} is no longer valid (the program has run since it was shown)`);
  return inspector;
}

/** Tells the client that other values may have changed after an assignment (when it listens). */
export function announceAssignment(ctx: SessionContext): void {
  if (ctx.client.supportsInvalidatedEvent) ctx.send(new InvalidatedEvent(['variables']));
  ctx.debuggee?.bridge.announceChangedState();
}

// A frame id from before the machine last ran has no scopes: VS Code asks again for the frame it
// showed at the previous stop before it fetches the new stack, and an error there would flash in
// the Variables view.
const scopes = handler((ctx, args: DebugProtocol.ScopesArguments): DebugProtocol.ScopesResponse['body'] => {
  const runtime = ctx.stoppedRuntime();
  if (runtime.frameContext(args.frameId) === undefined) return { scopes: [] };
  const views = runtime.inspector.scopes(args.frameId);
  return { scopes: views.map((v) => ({ ...v, variablesReference: ctx.references.note(v.variablesReference) })) };
});

const variables = handler((ctx, args: DebugProtocol.VariablesArguments): DebugProtocol.VariablesResponse['body'] => {
  const inspector = inspectorFor(ctx, args.variablesReference);
  const rows = inspector.variables(args.variablesReference, {
    ...(args.start !== undefined ? { start: checkedCount('variables', 'start', args.start, Number.MAX_SAFE_INTEGER) } : {}),
    ...(args.count !== undefined ? { count: Math.min(checkedCount('variables', 'count', args.count, Number.MAX_SAFE_INTEGER), REQUEST_LIMITS.variables) } : {}),
    ...(args.filter !== undefined ? { filter: args.filter } : {}),
    hex: args.format?.hex ?? false,
  });
  return { variables: rows.map((v) => ({ ...v, variablesReference: ctx.references.note(v.variablesReference) })) };
});

const setVariable = handler((ctx, args: DebugProtocol.SetVariableArguments): DebugProtocol.SetVariableResponse['body'] => {
  const inspector = inspectorFor(ctx, args.variablesReference);
  const result = inspector.setVariable(args.variablesReference, args.name, args.value, { hex: args.format?.hex ?? false });
  ctx.references.note(result.variablesReference);
  announceAssignment(ctx);
  return result;
});

/** Handlers of the scope and variable requests. */
export const variableRequests: RequestTable = { scopes, variables, setVariable };
