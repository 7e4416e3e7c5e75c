// The console: everything the kernel and user programs print, in order, plus keyboard input
// (bytes handed to `read(0, ...)`), with the counters of the power-off transcript.
import { SNAPSHOT_KEEP } from '../snapshot-hooks';

/** Receives console output as it is produced. */
export type ConsoleSink = (text: string) => void;

/** Console output and keyboard input of one machine. */
export class Console {
  charactersOutput = 0;
  keysPressed = 0;
  private readonly sinks: ConsoleSink[] = [];
  private inputPos = 0;
  /** everything printed so far */
  private readonly chunks: string[] = [];

  constructor(private readonly input: Uint8Array = new Uint8Array(0)) {}

  /** Adds a receiver of output (the CLI's stdout, the debugger's console). */
  onOutput(sink: ConsoleSink): void {
    this.sinks.push(sink);
  }

  /** Prints `text` (Latin-1 characters, as the guest's bytes). */
  print(text: string): void {
    if (text.length === 0) return;
    this.charactersOutput += text.length;
    this.chunks.push(text);
    for (const sink of this.sinks) sink(text);
  }

  /** Prints guest bytes. */
  printBytes(bytes: Uint8Array): void {
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    this.print(text);
  }

  /** Takes up to `size` bytes of keyboard input; fewer (possibly 0) when the input is exhausted. */
  readInput(size: number): Uint8Array {
    const n = Math.max(0, Math.min(size, this.input.length - this.inputPos));
    const out = this.input.slice(this.inputPos, this.inputPos + n);
    this.inputPos += n;
    this.keysPressed += n;
    return out;
  }

  /** Everything printed so far. */
  get text(): string {
    return this.chunks.join('');
  }
}

/** The output receivers are wiring, not kernel state: snapshots leave them alone. */
(Console.prototype as unknown as Record<symbol, string[]>)[SNAPSHOT_KEEP] = ['sinks'];
