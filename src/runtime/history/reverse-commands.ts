// The debugger's reverse commands on top of TimeTravel: reverse continue (the last breakpoint,
// data breakpoint or VM-filter event before now), step back by instruction or by line (over calls),
// reverse step out (to the call of the current function), and travel to a kernel event. Each
// leaves the machine at its target and returns the stop to report (as Work, see time-travel.ts); undefined when history holds
// nothing earlier (the machine is then at the start of the recorded history).
import type { DebugInfo } from '../../debuginfo/debug-info';
import type { Process } from '../../kernel/userprog/process';
import type { StopInfo } from '../contract';
import { comparePositions, targetOf, type StopPosition } from './positions';
import type { Found, TimeTravel, TravelContext, Work } from './time-travel';

/** Where a process is, as the stepping rules need it. */
export interface FrameSpot {
  pc: number;
  /** canonical frame address of the innermost frame */
  cfa: number | undefined;
}

/** What the reverse commands need beyond time travel. */
export interface ReverseContext extends TravelContext {
  travel: TimeTravel;
  /** debug info of the program `pid` runs now, if any */
  debugInfo(pid: number): DebugInfo | undefined;
  /** the innermost frame of `p` now */
  spot(p: Process): FrameSpot;
  /** the pc of each frame of `p`'s stack now, innermost first */
  stackPcs(p: Process): number[];
  process(pid: number): Process | undefined;
}

const latest = (found: Found[]) => found.reduce<Found | undefined>((best, f) => (!best || comparePositions(f.position, best.position) >= 0 ? f : best), undefined);

/** Goes back to the last stop a forward run would have made before `now`. */
export function* reverseContinue(ctx: ReverseContext, now: StopPosition): Work<StopInfo | undefined> {
  const match = yield* ctx.travel.searchBack(
    now,
    (found) => ({
      breakpoint: (p, addr, position) => {
        const stop = ctx.breakpointStop(p, addr);
        if (stop) found.push({ position, stop });
      },
      dataHit: (stop, position) => found.push({ position, stop }),
      event: (stop, position) => found.push({ position, stop }),
    }),
    latest,
  );
  return yield* arrive(ctx, match);
}

/** Goes back one instruction of process `pid`. */
export function* stepBackInstruction(ctx: ReverseContext, now: StopPosition, pid: number): Work<StopInfo | undefined> {
  const p = ctx.process(pid);
  const u = p?.userInstructions ?? 0;
  if (!p || u === 0) return undefined;
  yield* ctx.travel.goTo({ kind: 'instruction', pid, userInstructions: u - 1, retired: Math.max(0, now.retired - 1), seq: now.seq });
  return { reason: 'step', pid, description: 'Stepped back one instruction' };
}

/**
 * Goes back to the previous line of process `pid`, over calls: the last statement start before
 * now in the same frame on another line, or in a caller's frame (when the current function's
 * first line was passed).
 */
export function* stepBackLine(ctx: ReverseContext, now: StopPosition, pid: number): Work<StopInfo | undefined> {
  const p = ctx.process(pid);
  const info = ctx.debugInfo(pid);
  if (!p || !info) return yield* stepBackInstruction(ctx, now, pid);
  const here = ctx.spot(p);
  const hereLine = info.linesForAddress(here.pc)?.line;
  const hereFn = info.functionAt(here.pc);
  const match = yield* ctx.travel.searchBackMarked(
    now,
    statementStartsOnStack(ctx, p, info),
    (found) => ({
      breakpoint: (q, addr, position) => {
        if (q.pid === pid) found.push({ position, stop: { reason: 'step', pid, description: 'Stepped back' }, spot: { pc: addr, cfa: ctx.spot(q).cfa } });
      },
    }),
    (found) => previousLineStart(found, { cfa: here.cfa, fn: hereFn, line: hereLine }, info),
  );
  if (!match) return undefined;
  yield* ctx.travel.goTo(targetOf(match.position));
  return match.stop;
}

/**
 * The statement starts of the functions on `p`'s stack now. Going back to the previous line ends
 * in one of them (the current function, or a caller once its first line is passed); statements of
 * other functions are in callees and passed over, so marking them would only slow the replay.
 */
function statementStartsOnStack(ctx: ReverseContext, p: Process, info: DebugInfo): number[] {
  const ranges = ctx
    .stackPcs(p)
    .map((pc, i) => info.functionAt(i === 0 ? pc : pc - 1))
    .filter((fn): fn is NonNullable<typeof fn> => fn !== undefined);
  return [...info.statementStarts()].filter((a) => ranges.some((fn) => a >= fn.lowPc && a < fn.highPc));
}

/**
 * Among statement starts met in time order, the first one of the last line executed before `here`
 * in the same frame or a caller's (statements in callees are passed over); undefined when none.
 */
function previousLineStart(met: Found[], here: { cfa: number | undefined; fn: unknown; line: number | undefined }, info: DebugInfo): Found | undefined {
  const spotOf = (f: Found) => f.spot ?? { pc: 0, cfa: undefined };
  const lineOf = (f: Found) => `${info.functionAt(spotOf(f).pc)?.lowPc}:${info.linesForAddress(spotOf(f).pc)?.line}`;
  const hereKey = `${(here.fn as { lowPc?: number } | undefined)?.lowPc}:${here.line}`;
  let chosen: Found | undefined;
  for (let i = met.length - 1; i >= 0; i--) {
    const f = met[i];
    const c = spotOf(f);
    if (here.cfa !== undefined && c.cfa !== undefined && c.cfa < here.cfa) continue; // inside a callee
    if (chosen === undefined) {
      if (here.cfa !== undefined && c.cfa === here.cfa && lineOf(f) === hereKey) continue; // still the current line
      chosen = f;
    } else if (c.cfa === spotOf(chosen).cfa && lineOf(f) === lineOf(chosen)) {
      chosen = f; // an earlier statement of the same line: the line began there
    } else {
      break;
    }
  }
  return chosen;
}

/** Goes back to the call of the function process `pid` is in: the call instruction in its caller. */
export function* reverseStepOut(ctx: ReverseContext, now: StopPosition, pid: number): Work<StopInfo | undefined> {
  const p = ctx.process(pid);
  const info = ctx.debugInfo(pid);
  const here = p ? ctx.spot(p) : undefined;
  const fn = here && info?.functionAt(here.pc);
  if (!p || !fn || here?.cfa === undefined) return undefined;
  const match = yield* ctx.travel.searchBackMarked(
    now,
    [fn.lowPc],
    (found) => ({
      breakpoint: (q, addr, position) => {
        if (q.pid === pid && addr === fn.lowPc && ctx.spot(q).cfa === here.cfa) found.push({ position, stop: { reason: 'step', pid, description: '' } });
      },
    }),
    latest,
  );
  if (!match || match.position.userInstructions === 0) return undefined;
  const entry = match.position;
  yield* ctx.travel.goTo({ kind: 'instruction', pid, userInstructions: entry.userInstructions - 1, retired: Math.max(0, entry.retired - 1), seq: entry.seq });
  return { reason: 'step', pid, description: `Stepped back out of ${fn.name}` };
}

/** Goes to the stop `match` stands for, or reports that history holds nothing earlier. */
function* arrive(ctx: ReverseContext, match: Found | undefined): Work<StopInfo | undefined> {
  if (!match) return undefined;
  return (yield* ctx.travel.goTo(targetOf(match.position))) ?? match.stop;
}
