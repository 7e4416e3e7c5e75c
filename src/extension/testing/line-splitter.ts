// Cuts a stream of text chunks (a child process's stdout) into whole lines, however the chunks
// fall: a line is handed on only once its newline has arrived, or at the end of the stream.

/** Collects chunks and calls `onLine` with each complete line (without "\n" or "\r\n"). */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Adds a chunk; calls onLine for every line it completes. */
  push(chunk: string): void {
    this.pending += chunk;
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      newline = this.pending.indexOf('\n');
    }
  }

  /** Ends the stream: a last line without newline is handed on too. */
  end(): void {
    if (this.pending === '') return;
    const line = this.pending;
    this.pending = '';
    this.onLine(line);
  }
}
