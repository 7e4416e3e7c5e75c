// Debug Console commands for the VM: page-table walk, PTE, SPT entry, frame-table entry, swap slot,
// memory dump. Arguments that are addresses are C expressions (`walk buf`, `pte $rsp`).
import { UserFacingError } from '../contract';
import type { InspectorHost } from '../inspector-host';
import type { PageWalkView, SptEntryView } from '../../shared/vm-views';
import { disassembleAround } from './disassembly';
import { evaluateExpr } from './expr/evaluator';
import type { ScopeEnv } from './frame-env';
import { charLiteral, hex } from './format-text';
import { cString } from './format-value';
import { addressOfValue, parseIn } from './locate';
import { unreadableMessage } from './memory-port';

/** What a command runs against. */
export interface ReplContext {
  host: InspectorHost;
  pid: number;
  env: ScopeEnv;
}

const PAGE = 4096;
const MAX_LINES = 64;

/** The text of `help`. */
export const REPL_HELP = [
  'Expressions are C: locals, globals, registers ($rax, $eax, $rip, $rsp, $rflags), casts such as',
  '(struct page *) p, sizeof, *, &, ->, [], arithmetic; assignments like `x = 5` change the program.',
  'VM commands (ADDR is any C expression; numbers may be hex):',
  '  walk ADDR        page-table walk of ADDR in the selected process: each level\'s entry and flags',
  '  pte ADDR         the page-table entry that maps ADDR',
  '  spt [ADDR]       the supplemental page table entry of ADDR\'s page, or a summary of the SPT',
  '  frame [N]        frame-table entry N (owners, kind, accessed/dirty, pinned), or a summary',
  '  swap [SLOT]      swap slot SLOT (references and owners), or a summary of the swap map',
  '  x/NF ADDR        dump N units at ADDR; F is x, d, u or c with size b, h, w or g (x/16xb buf),',
  '                   or s (string), or i (instructions)',
  '  help             this text',
  'A line that is a valid expression starting with a variable in scope is evaluated as an expression,',
  'so a local called `frame` shows with `frame`; `frame 3` is still the command.',
].join('\n');

const COMMAND = /^\s*(help|walk|pte|spt|frame|swap)(?:\s+(.*?))?\s*$/s;
const EXAMINE = /^\s*x\/(\d*)([xduc]?)([bhwg]?|[si])\s+(.+?)\s*$/s;

/** True when `line` is a VM command rather than an expression. */
export function isReplCommand(line: string): boolean {
  return COMMAND.test(line) || EXAMINE.test(line);
}

function address(text: string | undefined, ctx: ReplContext, what = 'ADDR'): number {
  if (text === undefined || text.trim() === '') throw new UserFacingError(`missing ${what}; see 'help'`);
  return addressOfValue(evaluateExpr(parseIn(text, ctx.env), ctx.env), ctx.env);
}

function number(text: string, what: string): number {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text.trim())) throw new UserFacingError(`${what} must be a number, not '${text}'`);
  return Number(text.trim());
}

/** Runs command `line` (see REPL_HELP) and returns its text. Throws UserFacingError for bad arguments. */
export function runReplCommand(line: string, ctx: ReplContext): string {
  const examine = EXAMINE.exec(line);
  if (examine) return examineMemory(ctx, examine[1] === '' ? 1 : Number(examine[1]), examine[2] || 'x', examine[3] || (examine[2] === 'c' ? 'b' : 'w'), examine[4]);
  const m = COMMAND.exec(line);
  if (!m) throw new UserFacingError("malformed command; see 'help' (e.g. x/8xg $rsp)");
  const [, name, arg] = m;
  switch (name) {
    case 'help': return REPL_HELP;
    case 'walk': return formatWalk(ctx.host.vmView('pintos/pageWalk', { pid: ctx.pid, va: address(arg, ctx) }), ctx.pid);
    case 'pte': return formatPte(ctx.host.vmView('pintos/pageWalk', { pid: ctx.pid, va: address(arg, ctx) }));
    case 'spt': return arg ? sptEntry(ctx, address(arg, ctx)) : sptSummary(ctx);
    case 'frame': return arg ? frameEntry(ctx, number(arg, 'N')) : frameSummary(ctx);
    default: return arg ? swapSlot(ctx, number(arg, 'SLOT')) : swapSummary(ctx);
  }
}

function formatWalk(walk: PageWalkView, pid: number): string {
  const lines = [`walk of ${hex(walk.va)} in process ${pid}: ${walk.outcome}${walk.pa !== undefined ? ` -> physical ${hex(walk.pa)}` : ''}`];
  for (const l of walk.levels) lines.push(`  ${l.name.padEnd(4)}[${String(l.index).padStart(3)}] table ${hex(l.tablePa)} entry at ${hex(l.entryPa)}: ${l.entry}  ${l.flags}`);
  return lines.join('\n');
}

function formatPte(walk: PageWalkView): string {
  const leaf = walk.levels[walk.levels.length - 1];
  if (!leaf) return `${hex(walk.va)}: no page-table entry (${walk.outcome})`;
  if (walk.outcome !== 'mapped') return `${hex(walk.va)}: ${walk.outcome} at ${leaf.name} level (entry ${leaf.entry} at ${hex(leaf.entryPa)})`;
  return `${hex(walk.va)}: PTE ${leaf.entry} at ${hex(leaf.entryPa)}  ${leaf.flags}  -> physical ${hex(walk.pa ?? 0)}`;
}

function sptLine(e: SptEntryView): string {
  const parts = [hex(e.va).padEnd(12), e.kind + (e.target ? `->${e.target}` : ''), e.region, e.state, e.writable ? 'rw' : 'ro'];
  if (e.frame !== undefined) parts.push(`frame ${e.frame}`);
  if (e.swapSlot !== undefined) parts.push(`slot ${e.swapSlot}`);
  if (e.accessed) parts.push('A');
  if (e.dirty) parts.push('D');
  if (e.cow) parts.push(`cow x${e.cowShares ?? '?'}`);
  if (e.file !== undefined) parts.push(`${e.file}+${hex(e.fileOffset ?? 0)}`);
  return parts.join('  ');
}

function sptEntry(ctx: ReplContext, va: number): string {
  const page = va - (va % PAGE);
  const entry = ctx.host.vmView('pintos/spt', { pid: ctx.pid }).entries.find((e) => e.va === page);
  if (!entry) return `no SPT entry for page ${hex(page)} in process ${ctx.pid} (an access there would kill the process unless it grows the stack)`;
  const fields = Object.entries(entry).filter(([, v]) => v !== undefined).map(([k, v]) => `  ${k}: ${typeof v === 'number' && (k === 'va' || k === 'fileOffset') ? hex(v) : String(v)}`);
  return [`SPT entry of page ${hex(page)} in process ${ctx.pid}:`, ...fields].join('\n');
}

function sptSummary(ctx: ReplContext): string {
  const entries = ctx.host.vmView('pintos/spt', { pid: ctx.pid }).entries;
  const byState = new Map<string, number>();
  for (const e of entries) byState.set(e.state, (byState.get(e.state) ?? 0) + 1);
  const counts = [...byState].map(([s, n]) => `${n} ${s}`).join(', ');
  const lines = [`SPT of process ${ctx.pid}: ${entries.length} pages (${counts || 'none'})`];
  for (const e of entries.slice(0, MAX_LINES)) lines.push(`  ${sptLine(e)}`);
  if (entries.length > MAX_LINES) lines.push(`  ... ${entries.length - MAX_LINES} more (spt ADDR shows one)`);
  return lines.join('\n');
}

function frameEntry(ctx: ReplContext, index: number): string {
  const table = ctx.host.vmView('pintos/frames', {});
  const f = table.frames.find((x) => x.index === index);
  if (!f) return index < table.capacity ? `frame ${index} is free` : `no frame ${index} (the user pool has ${table.capacity} frames)`;
  const owners = f.owners.map((o) => `pid ${o.pid} page ${hex(o.page)}`).join(', ') || 'none';
  return [
    `frame ${f.index} at physical ${hex(f.pa)}: ${f.kind}`,
    `  owners: ${owners}`,
    `  accessed: ${f.accessed}, dirty: ${f.dirty}, pinned: ${f.pinned}`,
    `  loaded at instruction ${f.loadedAt}, last use ${f.lastUse}${table.clockHand === f.index ? ' (clock hand here)' : ''}`,
  ].join('\n');
}

function frameSummary(ctx: ReplContext): string {
  const t = ctx.host.vmView('pintos/frames', {});
  const lines = [`frame table: ${t.used} of ${t.capacity} frames used, policy ${t.policy}, clock hand at ${t.clockHand}`];
  for (const f of t.frames.slice(0, MAX_LINES)) lines.push(`  ${String(f.index).padStart(5)}  ${hex(f.pa).padEnd(10)} ${f.kind.padEnd(5)} ${f.owners.map((o) => `${o.pid}:${hex(o.page)}`).join(' ')}${f.pinned ? ' pinned' : ''}`);
  if (t.frames.length > MAX_LINES) lines.push(`  ... ${t.frames.length - MAX_LINES} more (frame N shows one)`);
  return lines.join('\n');
}

function swapSlot(ctx: ReplContext, slot: number): string {
  const s = ctx.host.vmView('pintos/swap', {});
  if (slot >= s.slotCount) return `no swap slot ${slot} (the swap disk has ${s.slotCount} slots)`;
  const used = s.used.find((u) => u.slot === slot);
  if (!used) return `swap slot ${slot} is free`;
  return `swap slot ${slot}: ${used.refs} reference${used.refs === 1 ? '' : 's'}; owners ${used.owners.map((o) => `pid ${o.pid} page ${hex(o.page)}`).join(', ') || 'none'}`;
}

function swapSummary(ctx: ReplContext): string {
  const s = ctx.host.vmView('pintos/swap', {});
  const lines = [`swap: ${s.usedSlots} of ${s.slotCount} slots used`];
  for (const u of s.used.slice(0, MAX_LINES)) lines.push(`  slot ${String(u.slot).padStart(5)}: ${u.owners.map((o) => `pid ${o.pid} page ${hex(o.page)}`).join(', ')}`);
  if (s.used.length > MAX_LINES) lines.push(`  ... ${s.used.length - MAX_LINES} more`);
  return lines.join('\n');
}

const UNIT: Record<string, number> = { b: 1, h: 2, w: 4, g: 8 };

function examineMemory(ctx: ReplContext, count: number, format: string, unit: string, where: string): string {
  const start = address(where, ctx);
  const n = Math.min(Math.max(count, 1), 1024);
  if (unit === 's') return `${hex(start)}: ${cString(ctx.env, start, 4096)}`;
  if (unit === 'i') {
    const memory = ctx.host.processMemory(ctx.pid);
    if (!memory) throw new UserFacingError(`no process ${ctx.pid}`);
    return disassembleAround(memory, (a) => ctx.host.debugInfoForAddress(ctx.pid, a), start, 0, n, true)
      .map((r) => `${r.address}${r.symbol ? ` <${r.symbol}>` : ''}:  ${r.instruction}`)
      .join('\n');
  }
  const size = UNIT[unit];
  const got = ctx.env.memory.readPrefix(start, n * size);
  const perLine = Math.max(1, 16 / size);
  const lines: string[] = [];
  for (let i = 0; i < n; i += perLine) {
    const cells: string[] = [];
    for (let j = i; j < Math.min(n, i + perLine); j++) {
      if ((j + 1) * size > got.bytes.length) break;
      let v = 0n;
      for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(got.bytes[j * size + k]);
      cells.push(cell(v, size, format));
    }
    if (cells.length === 0) break;
    const sym = ctx.env.symbolize(start + i * size);
    lines.push(`${hex(start + i * size)}${sym ? ` <${sym}>` : ''}:  ${cells.join('  ')}`);
  }
  if (got.bytes.length < n * size) {
    const at = got.unreadableAt ?? start + got.bytes.length;
    lines.push(`${hex(at)}: <unreadable: ${unreadableMessage(at)}>`);
  }
  return lines.join('\n');
}

function cell(v: bigint, size: number, format: string): string {
  switch (format) {
    case 'd': return BigInt.asIntN(size * 8, v).toString();
    case 'u': return v.toString();
    case 'c': return `${BigInt.asIntN(8, v)} ${charLiteral(Number(v & 0xffn))}`;
    default: return `0x${v.toString(16).padStart(size * 2, '0')}`;
  }
}
