// Applying breakpoint requests to the runtime, or holding them until there is one, and applying
// the held ones again to a new runtime (after launch, after restart).
import { BreakpointEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointResult } from '../../runtime/contract';
import type { Debuggable } from '../../runtime/debuggable';
import { VM_FILTERS } from '../../shared/custom-requests';
import { toDapBreakpoint } from '../breakpoint-convert';
import type { Recorded } from '../breakpoint-record';
import type { SessionContext } from '../session-context';

/** The message of a breakpoint held until a program runs. */
const NOT_LAUNCHED = 'set when the program is launched';

/**
 * Sets `specs` with `set` on the live runtime (or holds them when there is none), records them in
 * `rec` with the client ids answered, and returns the DAP breakpoints, one per spec in order.
 */
export function applyBreakpoints<S>(
  ctx: SessionContext,
  rec: Recorded<S>,
  specs: S[],
  set: (runtime: Debuggable, specs: S[]) => BreakpointResult[],
): DebugProtocol.Breakpoint[] {
  rec.specs = specs;
  const runtime = liveOrUndefined(ctx);
  if (!runtime) {
    rec.clientIds = specs.map(() => ctx.breakpointIds.fresh());
    return rec.clientIds.map((id) => ({ id, verified: false, message: NOT_LAUNCHED }));
  }
  const results = set(runtime, specs);
  rec.clientIds = results.map((r) => ctx.breakpointIds.forRuntime(r.id));
  return results.map((r, i) => toDapBreakpoint(ctx, r, rec.clientIds[i]));
}

/**
 * Sets the recorded `rec` on `runtime` again, keeping each breakpoint's client id, and tells the
 * client about each one's new state with a `breakpoint` event.
 */
export function reapplyBreakpoints<S>(ctx: SessionContext, runtime: Debuggable, rec: Recorded<S>, set: (runtime: Debuggable, specs: S[]) => BreakpointResult[]): void {
  if (rec.specs.length === 0) return;
  const results = set(runtime, rec.specs);
  rec.clientIds = results.map((r, i) => {
    const id = rec.clientIds[i] ?? ctx.breakpointIds.fresh();
    ctx.breakpointIds.link(r.id, id);
    ctx.send(new BreakpointEvent('changed', toDapBreakpoint(ctx, r, id)));
    return id;
  });
}

/** Applies every recorded breakpoint and exception filter to a freshly launched `runtime`. */
export function reapplyAll(ctx: SessionContext, runtime: Debuggable): void {
  const rec = ctx.breakpoints;
  for (const [file, sourceRec] of rec.sources) reapplyBreakpoints(ctx, runtime, sourceRec, (rt, specs) => rt.setSourceBreakpoints(file, specs));
  reapplyBreakpoints(ctx, runtime, rec.functions, (rt, specs) => rt.setFunctionBreakpoints(specs));
  reapplyBreakpoints(ctx, runtime, rec.instructions, (rt, specs) => rt.setInstructionBreakpoints(specs));
  reapplyBreakpoints(ctx, runtime, rec.data, (rt, specs) => rt.setDataBreakpoints(specs));
  const filters = rec.exceptionFiltersSet ? rec.exceptionFilters : VM_FILTERS.filter((f) => f.default).map((f) => ({ filterId: f.filter }));
  runtime.setExceptionFilters(filters);
}

/** The runtime when a program is live, else undefined (breakpoints are then held). */
export function liveOrUndefined(ctx: SessionContext): Debuggable | undefined {
  const d = ctx.debuggee;
  return d && !d.bridge.ended ? d.runtime : undefined;
}
