// Expressions in a stopped machine: evaluate (watch, hover, REPL with the VM commands),
// setExpression and completions, in the frame the client names or the selected process.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { EvaluateContext } from '../../runtime/inspect';
import { handler, type RequestTable } from '../request-table';
import { announceAssignment } from './variables';

const CONTEXTS: ReadonlySet<string> = new Set<EvaluateContext>(['watch', 'repl', 'hover', 'clipboard', 'variables']);

/** An expression that may change state: an assignment (`=`, `+=`, ...), `++` or `--`. */
const ASSIGNS = /(^|[^=!<>])=($|[^=])|\+\+|--/;

/** The inspector's context for a request's context; unknown or missing ones evaluate like a watch (no side effects). */
function contextOf(context: string | undefined): EvaluateContext {
  return context !== undefined && CONTEXTS.has(context) ? (context as EvaluateContext) : 'watch';
}

const evaluate = handler((ctx, args: DebugProtocol.EvaluateArguments): DebugProtocol.EvaluateResponse['body'] => {
  const inspector = ctx.stoppedRuntime().inspector;
  const context = contextOf(args.context);
  const result = inspector.evaluate(args.expression, args.frameId, context, { hex: args.format?.hex ?? false });
  ctx.references.note(result.variablesReference);
  if (context === 'repl' && ASSIGNS.test(args.expression)) announceAssignment(ctx);
  return result;
});

const setExpression = handler((ctx, args: DebugProtocol.SetExpressionArguments): DebugProtocol.SetExpressionResponse['body'] => {
  const inspector = ctx.stoppedRuntime().inspector;
  const result = inspector.setExpression(args.expression, args.value, args.frameId, { hex: args.format?.hex ?? false });
  ctx.references.note(result.variablesReference);
  announceAssignment(ctx);
  const { result: value, ...rest } = result;
  return { value, ...rest };
});

const completions = handler((ctx, args: DebugProtocol.CompletionsArguments): DebugProtocol.CompletionsResponse['body'] => {
  const runtime = ctx.debuggee?.runtime;
  if (!runtime || runtime.running) return { targets: [] };
  const c = ctx.coordinates;
  const targets = runtime.inspector.completions(args.text, c.columnFromClient(args.column), args.frameId);
  return {
    targets: targets.map((t) => {
      const item: DebugProtocol.CompletionItem = { ...t, type: t.type === 'type' ? 'class' : t.type };
      if (t.start !== undefined) item.start = c.columnToClient(t.start);
      return item;
    }),
  };
});

/** Handlers of the expression requests. */
export const expressionRequests: RequestTable = { evaluate, setExpression, completions };
