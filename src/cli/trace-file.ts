// The `--trace=FILE` writer: one JSON line per kernel event, written in large chunks rather than
// one system call per event (a swapping run emits tens of thousands of events).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { KernelEvent } from '../kernel/events';

/** Lines gathered before they are written out. */
const CHUNK_CHARS = 1 << 16;

/** An open trace file. */
export class TraceFile {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;

  /** Opens `path` with `flags` (default: create or truncate). Throws the file system's error when it cannot be opened. */
  constructor(path: string, flags: string | number = 'w') {
    this.fd = openSync(path, flags, 0o644);
  }

  /** Adds `event` as one JSON line. */
  write(event: KernelEvent): void {
    const line = `${JSON.stringify(event)}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** Writes every line added so far and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}
