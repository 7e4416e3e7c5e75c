// Where the program is: stack traces, exception (VM event) details of a stop, loaded sources and
// source text by path.
import { readFileSync } from 'node:fs';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { FrameInfo } from '../../runtime/contract';
import { toDapSource } from '../breakpoint-convert';
import { RequestError } from '../request-errors';
import { checkedCount } from '../request-limits';
import { handler, type RequestTable } from '../request-table';
import type { SessionContext } from '../session-context';

/** `0x…` form of an address, as instruction and memory references are written. */
function hexAddress(address: number): string {
  return `0x${address.toString(16)}`;
}

/** A runtime frame as a DAP stack frame: with its source when known, always with its instruction address. */
function toDapFrame(ctx: SessionContext, f: FrameInfo): DebugProtocol.StackFrame {
  const c = ctx.coordinates;
  const frame: DebugProtocol.StackFrame = {
    id: f.id,
    name: f.name,
    line: f.source ? c.lineToClient(f.line) : 0,
    column: f.source ? c.columnToClient(Math.max(1, f.column)) : 0,
    instructionPointerReference: hexAddress(f.pc),
  };
  if (f.source) frame.source = toDapSource(ctx, f.source);
  // The kernel's work above a user frame is de-emphasized like a frame without source: VS Code
  // then focuses the first user frame with source once the whole stack has arrived (it fetches
  // the top frame alone first), and the editor shows the stop's exception widget there.
  if (f.kernel || !f.source) frame.presentationHint = 'subtle';
  return frame;
}

const stackTrace = handler((ctx, args: DebugProtocol.StackTraceArguments): DebugProtocol.StackTraceResponse['body'] => {
  const runtime = ctx.stoppedRuntime();
  const start = checkedCount('stackTrace', 'startFrame', args.startFrame ?? 0, Number.MAX_SAFE_INTEGER);
  const levels = checkedCount('stackTrace', 'levels', args.levels ?? 0, Number.MAX_SAFE_INTEGER);
  // the runtime unwinds at most its own frame limit, whatever `levels` asks for
  const { frames, total } = runtime.stackTrace(args.threadId, start, levels);
  return { stackFrames: frames.map((f) => toDapFrame(ctx, f)), totalFrames: total };
});

const exceptionInfo = handler((ctx, args: DebugProtocol.ExceptionInfoArguments): DebugProtocol.ExceptionInfoResponse['body'] => {
  const info = ctx.stoppedRuntime().exceptionInfo(args.threadId);
  if (!info) throw new RequestError(`thread ${args.threadId} did not stop on a VM event or fault`);
  return info;
});

const loadedSources = handler((ctx, _args: DebugProtocol.LoadedSourcesArguments): DebugProtocol.LoadedSourcesResponse['body'] => {
  const runtime = ctx.debuggee?.runtime;
  return { sources: runtime ? runtime.loadedSources().map((s) => ({ ...toDapSource(ctx, s.path), name: s.name })) : [] };
});

const source = handler((ctx, args: DebugProtocol.SourceArguments): DebugProtocol.SourceResponse['body'] => {
  const file = args.source?.path;
  if (!file) throw new RequestError(`source reference ${args.sourceReference} is not available (this adapter only shows files by path)`);
  try {
    return { content: readFileSync(ctx.coordinates.pathFromClient(file), 'utf8') };
  } catch (e) {
    throw new RequestError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
});

/** Handlers of the stack and source requests. */
export const stackRequests: RequestTable = { stackTrace, exceptionInfo, loadedSources, source };
