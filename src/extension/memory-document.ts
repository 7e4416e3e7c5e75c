// A read-only hex dump of one user page, read through the DAP `readMemory` request of the active
// session: the memory view used when no hex editor extension is installed. URIs look like
// pintos-memory:/pid-3/0x4747e000.hex (the page of pid 3 at that address).
import * as vscode from 'vscode';
import { hexDump } from './hex-dump';
import type { VmWatch } from './vm-watch';

export const MEMORY_SCHEME = 'pintos-memory';
/** The language of dump documents: no minimap or wrapping (package.json's configuration defaults). */
export const DUMP_LANGUAGE = 'pintos-memory-dump';
const PAGE = 4096;

/** The URI of the dump of `pid`'s page at `va`. */
export function memoryUri(pid: number, va: number): vscode.Uri {
  return vscode.Uri.from({ scheme: MEMORY_SCHEME, path: `/pid-${pid}/0x${va.toString(16)}.hex` });
}

/** Parses a memory URI; undefined when malformed. */
export function parseMemoryUri(uri: vscode.Uri): { pid: number; va: number } | undefined {
  const m = /^\/pid-(\d+)\/0x([0-9a-f]+)\.hex$/.exec(uri.path);
  return m === null ? undefined : { pid: Number(m[1]), va: parseInt(m[2], 16) };
}

/** Content provider for memory URIs. */
export class MemoryDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly watch: VmWatch) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const where = parseMemoryUri(uri);
    const session = this.watch.activeSession;
    if (where === undefined) return `Not a page address: ${uri.toString()}\n`;
    if (session === undefined) return 'No Pintos debug session.\n';
    try {
      const body = (await session.customRequest('readMemory', { memoryReference: `0x${where.va.toString(16)}`, offset: 0, count: PAGE })) as { address?: string; data?: string; unreadableBytes?: number } | undefined;
      if (body?.data === undefined) return `Page 0x${where.va.toString(16)} of pid ${where.pid} is not readable now (not present in memory).\n`;
      const bytes = Uint8Array.from(Buffer.from(body.data, 'base64'));
      return `Page 0x${where.va.toString(16)} of pid ${where.pid}, ${bytes.length} bytes\n\n${hexDump(where.va, bytes)}`;
    } catch (e) {
      return `Reading page 0x${where.va.toString(16)} failed: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }
}
