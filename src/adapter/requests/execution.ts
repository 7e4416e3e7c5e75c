// Run control: continue, step (in/over/out by line or instruction), pause, and the thread list.
// The whole machine runs and stops together, so every request acts on all processes; the thread
// id only says which process's code a step follows.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Debuggable } from '../../runtime/debuggable';
import type { StepGranularity } from '../../runtime/stepper';
import { RequestError } from '../request-errors';
import { handler, type RequestTable } from '../request-table';
import type { SessionContext } from '../session-context';

/** The stopped runtime, after checking that `threadId` names a live process; RequestError otherwise. */
function runtimeForThread(ctx: SessionContext, threadId: number): Debuggable {
  const runtime = ctx.stoppedRuntime();
  if (!runtime.threads().some((t) => t.id === threadId)) throw new RequestError(`there is no process with thread id ${threadId}`);
  return runtime;
}

/**
 * Step requests' granularity. Without one (an editor's plain step commands), a step goes by source
 * line as gdb's `next` and `step` do; 'statement' (each line-table row) only when asked for.
 */
function granularity(args: { granularity?: DebugProtocol.SteppingGranularity }): StepGranularity {
  return args.granularity ?? 'line';
}

const continueRequest = handler((ctx, _args: DebugProtocol.ContinueArguments): DebugProtocol.ContinueResponse['body'] => {
  const runtime = ctx.liveRuntime();
  if (!runtime.running) runtime.resume();
  return { allThreadsContinued: true };
});

const next = handler((ctx, args: DebugProtocol.NextArguments): void => {
  runtimeForThread(ctx, args.threadId).stepOver(args.threadId, granularity(args));
});

const stepIn = handler((ctx, args: DebugProtocol.StepInArguments): void => {
  runtimeForThread(ctx, args.threadId).stepIn(args.threadId, granularity(args));
});

const stepOut = handler((ctx, args: DebugProtocol.StepOutArguments): void => {
  runtimeForThread(ctx, args.threadId).stepOut(args.threadId, granularity(args));
});

const stepBack = handler((ctx, args: DebugProtocol.StepBackArguments): void => {
  runtimeForThread(ctx, args.threadId).stepBack(args.threadId, granularity(args));
});

const reverseContinue = handler((ctx, _args: DebugProtocol.ReverseContinueArguments): void => {
  ctx.stoppedRuntime().reverseContinue();
});

const pause = handler((ctx, _args: DebugProtocol.PauseArguments): void => {
  ctx.liveRuntime().pause();
});

const threads = handler((ctx, _args: unknown): DebugProtocol.ThreadsResponse['body'] => {
  const runtime = ctx.debuggee?.runtime;
  return { threads: runtime ? runtime.threads() : [] };
});

/** Handlers of the run-control requests. */
export const executionRequests: RequestTable = { continue: continueRequest, next, stepIn, stepOut, stepBack, reverseContinue, pause, threads };
