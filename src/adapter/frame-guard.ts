// A guard in front of the protocol library's frame reader: the library buffers whatever a header's
// Content-Length announces, so one header announcing 10^12 bytes would make the adapter keep every
// later byte in memory and never answer again. The guard passes well-formed frames through
// unchanged and refuses a frame whose header is too long, has no usable Content-Length or announces
// more than MAX_FRAME_BYTES: it reports it, drops bytes up to the next header, and goes on.
import { PassThrough, type Readable } from 'node:stream';

/** The largest frame body accepted (a writeMemory of 1 MiB, base64-encoded, fits many times). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** The longest header accepted (a DAP header is one short line). */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_START = Buffer.from('Content-Length:');

/** Parses frames out of the byte stream; see guardFrames. */
export class FrameGuard {
  private pending = Buffer.alloc(0);
  /** body bytes of the current frame still to pass through */
  private bodyLeft = 0;
  /** after a refused header: drop bytes until the next header starts */
  private skipping = false;

  constructor(
    private readonly pass: (bytes: Buffer) => void,
    private readonly refuse: (why: string) => void,
  ) {}

  /** Takes the next chunk of the stream: passes the bytes of acceptable frames on, in order. */
  push(chunk: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.pass(data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
      } else if (this.skipping) {
        const at = data.indexOf(HEADER_START);
        if (at < 0) {
          // keep a tail that may be the start of a header cut by the chunk boundary
          this.pending = Buffer.from(data.subarray(Math.max(0, data.length - HEADER_START.length + 1)));
          return;
        }
        this.skipping = false;
        data = data.subarray(at);
      } else {
        const end = data.indexOf(HEADER_END);
        if (end < 0) {
          if (data.length > MAX_HEADER_BYTES) this.refuseFrame(`a frame header longer than ${MAX_HEADER_BYTES} bytes`);
          else this.pending = Buffer.from(data);
          return;
        }
        const header = data.subarray(0, end + HEADER_END.length);
        const digits = contentLength(header.toString('latin1'));
        data = data.subarray(header.length);
        if (digits === undefined) this.refuseFrame('a frame header without a valid Content-Length');
        else if (BigInt(digits) > BigInt(MAX_FRAME_BYTES)) this.refuseFrame(`a frame of ${digits} bytes (at most ${MAX_FRAME_BYTES} are accepted)`);
        else {
          this.pass(header);
          this.bodyLeft = Number(digits);
        }
      }
    }
  }

  private refuseFrame(why: string): void {
    this.pending = Buffer.alloc(0);
    this.skipping = true;
    this.refuse(why);
  }
}

/** The digits of the Content-Length a header announces (a non-negative integer); undefined when it has none. */
function contentLength(header: string): string | undefined {
  return /^Content-Length: *(\d{1,40}) *$/im.exec(header)?.[1];
}

/**
 * A stream carrying the frames of `input` that FrameGuard accepts; `refused` is told (with a
 * sentence) of every frame dropped. Ends and fails when `input` does.
 */
export function guardFrames(input: Readable, refused: (why: string) => void): Readable {
  const out = new PassThrough();
  const guard = new FrameGuard(
    (bytes) => out.write(bytes),
    (why) => refused(why),
  );
  input.on('data', (chunk: Buffer) => guard.push(chunk));
  input.on('end', () => out.end());
  input.on('close', () => out.destroy());
  input.on('error', (e) => out.destroy(e));
  return out;
}
