// The command-line runner's standard output and error. Text is written to the file descriptor
// directly: process.stdout and process.stderr are streams whose creation (and the stream and net
// modules behind them) costs milliseconds of start-up, and a guest's many small prints cost a
// system call each. Output is gathered and written when FLUSH_BYTES have gathered, when
// FLUSH_MS have passed since the last write (so a long run's transcript still streams), and when
// flushed (standard error is written at once); a run that prints nothing for a while calls
// flushIfOld now and then, so its last words do not wait for the next print. A descriptor that will not take a synchronous
// write (a non-blocking pipe: EAGAIN) gets the rest through Node's stream, which waits for it;
// output to a reader that has gone (EPIPE) is dropped.
import { writeSync } from 'node:fs';

/** Gathered text is written once it reaches this many characters... */
const FLUSH_BYTES = 1 << 16;
/** ...or once this many milliseconds have passed since the last write. */
const FLUSH_MS = 50;

/** One gathering writer for a file descriptor (standard output or error, or a file's for tests). */
export class ConsoleOutput {
  private pending: string[] = [];
  private pendingLength = 0;
  private lastWrite: number;
  /** set once a synchronous write failed: everything from then on goes through the stream */
  private stream: NodeJS.WriteStream | undefined;
  /** set once the reader has gone */
  private closed = false;

  /** A writer for `fd`; `gathers` false writes each text at once. `now` is the clock, in milliseconds. */
  constructor(
    private readonly fd: number,
    private readonly gathers: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastWrite = now();
  }

  /** Adds `text`; writes what has gathered when it is large or old enough. */
  write(text: string): void {
    if (text.length === 0 || this.closed) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (!this.gathers || this.pendingLength >= FLUSH_BYTES || this.now() - this.lastWrite >= FLUSH_MS) this.flush();
  }

  /** Writes what has gathered if the last write was FLUSH_MS or more ago (call it now and then during a long run). */
  flushIfOld(): void {
    if (this.now() - this.lastWrite >= FLUSH_MS) this.flush();
  }

  /** Writes everything gathered. */
  flush(): void {
    if (this.pendingLength === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    this.lastWrite = this.now();
    if (this.stream === undefined) {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        if (code !== 'EAGAIN' || (this.fd !== 1 && this.fd !== 2)) throw e;
        this.stream = this.fd === 1 ? process.stdout : process.stderr;
        this.stream.write(bytes.subarray(done));
        return;
      }
    }
    this.stream.write(text);
  }

  /** True when nothing is gathered or queued in a stream (the process may end at once without losing output). */
  get drained(): boolean {
    return this.pendingLength === 0 && (this.stream === undefined || this.stream.writableLength === 0);
  }
}

/** The runner's standard output. */
export const stdout = new ConsoleOutput(1, true);
/** The runner's standard error. */
export const stderr = new ConsoleOutput(2, false);
