// Requests that start and end the debugging: launch, configurationDone, restart, terminate,
// disconnect and cancel. terminate, restart and disconnect work at any time, running or stopped.
import { InitializedEvent, TerminatedEvent, ThreadEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DebugRuntime } from '../../runtime/debug-runtime';
import type { Debuggable } from '../../runtime/debuggable';
import { SystemRuntime } from '../../runtime/system/system-runtime';
import { isSystemLaunch, type PintosLaunchArguments, type PintosSystemLaunchArguments } from '../../shared/launch';
import { EventBridge } from '../event-bridge';
import { logError, log } from '../log';
import { RequestError } from '../request-errors';
import { handler, type RequestTable } from '../request-table';
import type { SessionContext } from '../session-context';
import { reapplyAll } from './breakpoint-apply';

/**
 * Boots a machine for `args` and makes it the session's debuggee, with every recorded breakpoint
 * applied. Throws UserFacingError (from the runtime) for a bad launch configuration.
 */
function launchDebuggee(ctx: SessionContext, args: PintosLaunchArguments | PintosSystemLaunchArguments): Debuggable {
  if (typeof args !== 'object' || args === null) throw new RequestError('launch needs a configuration object', true);
  const bridge = new EventBridge(ctx);
  const runtime = isSystemLaunch(args) ? SystemRuntime.launch(args, bridge) : DebugRuntime.launch(args, bridge);
  bridge.runtime = runtime;
  ctx.debuggee = { runtime, bridge };
  ctx.launchArgs = args;
  ctx.breakpointIds.unlinkAll();
  ctx.references.clear();
  ctx.memory.clear();
  reapplyAll(ctx, runtime);
  log(isSystemLaunch(args) ? `launched the kernel of ${String(args.buildDir ?? args.cwd ?? '.')}` : `launched ${String(args.program)}`);
  return runtime;
}

/** Ends the current debuggee quietly (no events from it reach the client any more), if any. */
function discardDebuggee(ctx: SessionContext): void {
  const d = ctx.debuggee;
  if (!d) return;
  const threads = d.bridge.ended ? [] : safely(() => d.runtime.threads(), []);
  d.bridge.close();
  safely(() => d.runtime.terminate(), undefined);
  for (const t of threads) ctx.send(new ThreadEvent('exited', t.id));
  ctx.debuggee = undefined;
}

/** Runs `fn`; on an exception logs it and returns `fallback` (used only while tearing down). */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    logError('while ending the machine', e);
    return fallback;
  }
}

const launch = handler((ctx, args: PintosLaunchArguments & DebugProtocol.LaunchRequestArguments): void => {
  if (ctx.debuggee && !ctx.debuggee.bridge.ended) throw new RequestError('a Pintos program is already being debugged in this session', true);
  launchDebuggee(ctx, args);
  ctx.configured = false; // configurationDone starts this machine
  ctx.send(new InitializedEvent());
});

const configurationDone = handler((ctx, _args: DebugProtocol.ConfigurationDoneArguments): void => {
  const runtime = ctx.liveRuntime();
  if (ctx.configured) return;
  ctx.configured = true;
  runtime.start();
});

const restart = handler((ctx, args: DebugProtocol.RestartArguments): void => {
  const given = args.arguments as (PintosLaunchArguments & DebugProtocol.LaunchRequestArguments) | undefined;
  const launchArgs = given ?? ctx.launchArgs;
  if (!launchArgs) throw new RequestError('there is nothing to restart: no program has been launched');
  discardDebuggee(ctx);
  try {
    const runtime = launchDebuggee(ctx, launchArgs);
    if (ctx.configured) runtime.start();
  } catch (e) {
    ctx.send(new TerminatedEvent());
    throw e;
  }
});

const terminate = handler((ctx, _args: DebugProtocol.TerminateArguments): void => {
  const d = ctx.debuggee;
  if (!d) {
    ctx.send(new TerminatedEvent());
    return;
  }
  if (!d.bridge.ended) d.runtime.terminate();
  d.bridge.finish();
});

const disconnect = handler((ctx, _args: DebugProtocol.DisconnectArguments): void => {
  discardDebuggee(ctx);
  ctx.outbox.afterResponse(ctx.shutdown);
});

const cancel = handler((ctx, args: DebugProtocol.CancelArguments): void => {
  if (args.requestId !== undefined && ctx.pending.cancel(args.requestId)) log(`request ${args.requestId} cancelled`);
});

/** Handlers of the session's life-cycle requests. */
export const lifecycleRequests: RequestTable = { launch, configurationDone, restart, terminate, disconnect, cancel };
