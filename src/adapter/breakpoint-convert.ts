// Runtime breakpoint results and sources in DAP terms.
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointResult } from '../runtime/contract';
import type { SessionContext } from './session-context';

/** A DAP Source for a local file path (converted to the client's path convention). */
export function toDapSource(ctx: SessionContext, file: string): DebugProtocol.Source {
  return { name: path.basename(file), path: ctx.coordinates.pathToClient(file) };
}

/** A DAP Breakpoint for runtime result `bp`, under client id `clientId`. */
export function toDapBreakpoint(ctx: SessionContext, bp: BreakpointResult, clientId: number): DebugProtocol.Breakpoint {
  const out: DebugProtocol.Breakpoint = { id: clientId, verified: bp.verified };
  if (bp.line !== undefined) out.line = ctx.coordinates.lineToClient(bp.line);
  if (bp.source !== undefined) out.source = toDapSource(ctx, bp.source);
  if (bp.instructionReference !== undefined) out.instructionReference = bp.instructionReference;
  if (bp.message !== undefined) out.message = bp.message;
  return out;
}
