// Raw memory and code of the selected process: readMemory (a page that is not present is reported
// as unreadable and never faulted in), writeMemory, and disassemble with source lines. Large
// reads go in pieces, letting `cancel` and other requests in between.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Inspector } from '../../runtime/inspect';
import { yieldToEventLoop, type CancelToken } from '../cancellation';
import { toDapSource } from '../breakpoint-convert';
import { RequestError } from '../request-errors';
import { checkedCount, REQUEST_LIMITS } from '../request-limits';
import { handler, type RequestTable } from '../request-table';
import { announceAssignment } from './variables';

/** Bytes read per piece. */
const PIECE = 64 * 1024;
/** Largest readMemory served (the client pages larger views). */
const MAX_READ = REQUEST_LIMITS.readMemoryBytes;

/** What a chunked read found: the readable prefix and the unreadable stretch right after it. */
interface ReadResult {
  address: string;
  data: Uint8Array;
  unreadableBytes: number;
}

/**
 * Reads `count` bytes at `ref` + `offset` piece by piece: the readable prefix, then the length of
 * the unreadable stretch after it (up to the next readable page or the end of the range).
 * Returns undefined when the request was cancelled meanwhile.
 */
async function readInPieces(inspector: Inspector, ref: string, offset: number, count: number, token: CancelToken): Promise<ReadResult | undefined> {
  const pieces: Uint8Array[] = [];
  let address: string | undefined;
  let done = 0;
  let unreadable = 0;
  while (done < count) {
    if (count > PIECE) await yieldToEventLoop();
    if (token.cancelled) return undefined;
    const want = Math.min(PIECE, count - done);
    const got = inspector.readMemory(ref, offset + done, want);
    address ??= got.address;
    if (unreadable === 0) {
      pieces.push(got.data);
      done += got.data.length;
      if (got.data.length === want) continue;
    } else if (got.data.length > 0) {
      break;
    }
    unreadable += got.unreadableBytes;
    done += got.unreadableBytes;
    // the stretch ends inside this piece: the next byte is readable (or the range is over)
    if (got.data.length + got.unreadableBytes < want) break;
  }
  return { address: address ?? ref, data: concat(pieces), unreadableBytes: unreadable };
}

/** The bytes of `parts` in one array. */
function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const readMemory = handler(async (ctx, args: DebugProtocol.ReadMemoryArguments, token): Promise<DebugProtocol.ReadMemoryResponse['body']> => {
  const inspector = ctx.stoppedRuntime().inspector;
  if (!Number.isSafeInteger(args.count) || args.count < 0) throw new RequestError(`readMemory: count must be a non-negative integer (got ${args.count})`);
  const count = Math.min(args.count, MAX_READ);
  const offset = checkedCount('readMemory', 'offset', args.offset ?? 0, Number.MAX_SAFE_INTEGER, true);
  const got = await readInPieces(inspector, args.memoryReference, offset, count, token);
  if (!got) return undefined;
  ctx.memory.noteRead(args.memoryReference, offset, count);
  const body: DebugProtocol.ReadMemoryResponse['body'] = { address: got.address, data: Buffer.from(got.data).toString('base64') };
  if (got.unreadableBytes > 0) body.unreadableBytes = got.unreadableBytes;
  return body;
});

const writeMemory = handler((ctx, args: DebugProtocol.WriteMemoryArguments): DebugProtocol.WriteMemoryResponse['body'] => {
  const inspector = ctx.stoppedRuntime().inspector;
  if (typeof args.data !== 'string') throw new RequestError('writeMemory: data must be a base64 string');
  const limit = REQUEST_LIMITS.writeMemoryBytes;
  // base64 carries 3 bytes in 4 characters: refuse before decoding anything too large
  if (args.data.length > Math.ceil(limit / 3) * 4 + 4) throw new RequestError(`writeMemory: data must hold at most ${limit} bytes (got about ${Math.floor((args.data.length * 3) / 4)})`);
  const data = new Uint8Array(Buffer.from(args.data, 'base64'));
  checkedCount('writeMemory', 'data length', data.length, limit);
  const offset = checkedCount('writeMemory', 'offset', args.offset ?? 0, Number.MAX_SAFE_INTEGER, true);
  const result = inspector.writeMemory(args.memoryReference, offset, data, args.allowPartial ?? false);
  announceAssignment(ctx);
  return { bytesWritten: result.bytesWritten };
});

const disassemble = handler((ctx, args: DebugProtocol.DisassembleArguments): DebugProtocol.DisassembleResponse['body'] => {
  const inspector = ctx.stoppedRuntime().inspector;
  const count = checkedCount('disassemble', 'instructionCount', args.instructionCount, REQUEST_LIMITS.disassembleInstructions);
  const instructionOffset = checkedCount('disassemble', 'instructionOffset', args.instructionOffset ?? 0, REQUEST_LIMITS.disassembleOffset, true);
  const offset = checkedCount('disassemble', 'offset', args.offset ?? 0, Number.MAX_SAFE_INTEGER, true);
  const rows = inspector.disassemble(args.memoryReference, offset, instructionOffset, count, args.resolveSymbols ?? true);
  const c = ctx.coordinates;
  return {
    instructions: rows.map(({ location, line, ...row }) => {
      const insn: DebugProtocol.DisassembledInstruction = { ...row };
      if (location) insn.location = { ...toDapSource(ctx, location.path), ...(location.name ? { name: location.name } : {}) };
      if (line !== undefined) insn.line = c.lineToClient(line);
      return insn;
    }),
  };
});

/** Handlers of the memory and disassembly requests. */
export const memoryRequests: RequestTable = { readMemory, writeMemory, disassemble };
