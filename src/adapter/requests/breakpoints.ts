// Breakpoint requests: source lines, breakpoint locations, functions, instructions, VM exception
// filters and data breakpoints (watchpoints). Each replaces the whole set of its kind.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { SourceBreakpointSpec } from '../../runtime/contract';
import type { DataBreakpointSpec, ExceptionFilterSpec, FunctionBreakpointSpec, InstructionBreakpointSpec } from '../breakpoint-record';
import { RequestError } from '../request-errors';
import { handler, type RequestTable } from '../request-table';
import type { SessionContext } from '../session-context';
import { applyBreakpoints, liveOrUndefined } from './breakpoint-apply';

/** The local path of a request's source; RequestError when the source has no path. */
function sourcePath(ctx: SessionContext, source: DebugProtocol.Source): string {
  if (!source.path) throw new RequestError(`breakpoints need a source file with a path (got ${source.name ?? 'a source without a name'})`);
  return ctx.coordinates.pathFromClient(source.path);
}

/** Copies the optional condition fields that are set (the runtime sees no undefined keys). */
function conditions(b: { condition?: string; hitCondition?: string; logMessage?: string }): { condition?: string; hitCondition?: string; logMessage?: string } {
  const out: { condition?: string; hitCondition?: string; logMessage?: string } = {};
  if (b.condition) out.condition = b.condition;
  if (b.hitCondition) out.hitCondition = b.hitCondition;
  if (b.logMessage) out.logMessage = b.logMessage;
  return out;
}

const setBreakpoints = handler((ctx, args: DebugProtocol.SetBreakpointsArguments): DebugProtocol.SetBreakpointsResponse['body'] => {
  const file = sourcePath(ctx, args.source);
  const requested: DebugProtocol.SourceBreakpoint[] = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
  const specs: SourceBreakpointSpec[] = requested.map((b) => ({ line: ctx.coordinates.lineFromClient(b.line), ...conditions(b) }));
  let rec = ctx.breakpoints.sources.get(file);
  if (!rec) ctx.breakpoints.sources.set(file, (rec = { specs: [], clientIds: [] }));
  return { breakpoints: applyBreakpoints(ctx, rec, specs, (rt, s) => rt.setSourceBreakpoints(file, s)) };
});

const breakpointLocations = handler((ctx, args: DebugProtocol.BreakpointLocationsArguments): DebugProtocol.BreakpointLocationsResponse['body'] => {
  const runtime = ctx.debuggee?.runtime;
  if (!runtime) return { breakpoints: [] };
  const c = ctx.coordinates;
  const endLine = args.endLine === undefined ? undefined : c.lineFromClient(args.endLine);
  const found = runtime.breakpointLocations(sourcePath(ctx, args.source), c.lineFromClient(args.line), endLine);
  return {
    breakpoints: found.map((l) => (l.column === undefined ? { line: c.lineToClient(l.line) } : { line: c.lineToClient(l.line), column: c.columnToClient(l.column) })),
  };
});

const setFunctionBreakpoints = handler((ctx, args: DebugProtocol.SetFunctionBreakpointsArguments): DebugProtocol.SetFunctionBreakpointsResponse['body'] => {
  const specs: FunctionBreakpointSpec[] = args.breakpoints.map((b) => ({ name: b.name, ...conditions(b) }));
  return { breakpoints: applyBreakpoints(ctx, ctx.breakpoints.functions, specs, (rt, s) => rt.setFunctionBreakpoints(s)) };
});

const setInstructionBreakpoints = handler((ctx, args: DebugProtocol.SetInstructionBreakpointsArguments): DebugProtocol.SetInstructionBreakpointsResponse['body'] => {
  const specs: InstructionBreakpointSpec[] = args.breakpoints.map((b) => ({
    instructionReference: b.instructionReference,
    ...(b.offset ? { offset: b.offset } : {}),
    ...conditions(b),
  }));
  return { breakpoints: applyBreakpoints(ctx, ctx.breakpoints.instructions, specs, (rt, s) => rt.setInstructionBreakpoints(s)) };
});

const setExceptionBreakpoints = handler((ctx, args: DebugProtocol.SetExceptionBreakpointsArguments): DebugProtocol.SetExceptionBreakpointsResponse['body'] => {
  // one entry per filter, then per filter option: the response's breakpoints follow the same order
  const filters: ExceptionFilterSpec[] = [
    ...args.filters.map((filterId) => ({ filterId })),
    ...(args.filterOptions ?? []).map((o) => (o.condition ? { filterId: o.filterId, condition: o.condition } : { filterId: o.filterId })),
  ];
  ctx.breakpoints.exceptionFilters = filters;
  ctx.breakpoints.exceptionFiltersSet = true;
  const runtime = liveOrUndefined(ctx);
  if (!runtime) return { breakpoints: filters.map(() => ({ verified: true })) };
  return { breakpoints: runtime.setExceptionFilters(filters).map((r) => (r.message ? { verified: r.verified, message: r.message } : { verified: r.verified })) };
});

const dataBreakpointInfo = handler((ctx, args: DebugProtocol.DataBreakpointInfoArguments): DebugProtocol.DataBreakpointInfoResponse['body'] => {
  const runtime = liveOrUndefined(ctx);
  if (!runtime) return { dataId: null, description: 'data breakpoints can be set once the program runs' };
  const info = runtime.dataBreakpointInfo({
    name: args.name,
    ...(args.variablesReference !== undefined ? { variablesReference: args.variablesReference } : {}),
    ...(args.frameId !== undefined ? { frameId: args.frameId } : {}),
    ...(args.bytes !== undefined ? { bytes: args.bytes } : {}),
    ...(args.asAddress !== undefined ? { asAddress: args.asAddress } : {}),
  });
  const body: DebugProtocol.DataBreakpointInfoResponse['body'] = { dataId: info.dataId, description: info.description };
  if (info.accessTypes) body.accessTypes = info.accessTypes;
  if (info.dataId !== null) body.canPersist = false;
  return body;
});

const setDataBreakpoints = handler((ctx, args: DebugProtocol.SetDataBreakpointsArguments): DebugProtocol.SetDataBreakpointsResponse['body'] => {
  const specs: DataBreakpointSpec[] = args.breakpoints.map((b) => ({
    dataId: b.dataId,
    ...(b.accessType ? { accessType: b.accessType } : {}),
    ...conditions(b),
  }));
  return { breakpoints: applyBreakpoints(ctx, ctx.breakpoints.data, specs, (rt, s) => rt.setDataBreakpoints(s)) };
});

/** Handlers of the breakpoint requests. */
export const breakpointRequests: RequestTable = {
  setBreakpoints,
  breakpointLocations,
  setFunctionBreakpoints,
  setInstructionBreakpoints,
  setExceptionBreakpoints,
  dataBreakpointInfo,
  setDataBreakpoints,
};
