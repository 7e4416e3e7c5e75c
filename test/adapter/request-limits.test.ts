// Requests asking for huge sizes or counts over a real DAP stream: each is answered (refused or
// cut to the documented limit) with bounded work, and the adapter keeps serving the next request.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, buildTestProgram, testSource } from './harness';

describe('adapter: request limits', function () {
  const src = testSource('shapes');
  let program: string;
  let s: AdapterSession;
  let frame: DebugProtocol.StackFrame;
  let threadId: number;

  before(() => {
    buildAdapter();
    program = buildTestProgram('shapes');
  });
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
    await s.launch({ program }, () => s.breakAt(src, ['after_copy']));
    threadId = (await s.nextStop()).body.threadId!;
    frame = (await s.frames(threadId))[0];
  });
  afterEach(async () => s.stop());

  /**
   * Sends `command` and returns the raw response, failing when no answer comes within 10 s. That
   * bound tells bounded work from the unbounded kind these limits stop (a disassemble of 1e9
   * instructions ran 20 s and then out of memory); how fast the answers are is for the benchmark
   * (`npm run bench`), as a loaded machine stretches any wall-clock figure.
   */
  async function quick(command: string, args: unknown): Promise<DebugProtocol.Response> {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${command} not answered within 10 s: unbounded work`)), 10_000);
    });
    try {
      return await Promise.race([s.raw(command, args), hang]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The adapter is alive and serving: a stack trace is answered. */
  async function stillServing(): Promise<void> {
    const frames = await s.frames(threadId);
    assert.ok(frames.length > 0);
    assert.equal(s.adapterProcess.exitCode, null);
  }

  const pc = () => frame.instructionPointerReference!;

  for (const [label, args] of [
    ['a billion instructions', { instructionCount: 1e9 }],
    ['an offset of 2^40 instructions', { instructionOffset: 2 ** 40, instructionCount: 1 }],
    ['an offset of -1e6 instructions', { instructionOffset: -1e6, instructionCount: 50 }],
  ] as const) {
    it(`refuses a disassemble of ${label} at once, naming the argument and the limit`, async () => {
      const r = await quick('disassemble', { memoryReference: pc(), ...args });
      assert.equal(r.success, false);
      const name = 'instructionOffset' in args ? 'instructionOffset' : 'instructionCount';
      assert.match(r.message ?? '', new RegExp(`${name} must be an integer between -?\\d+ and \\d+`));
      await stillServing();
    });
  }

  it('serves a disassemble at the limits quickly', async () => {
    const back = await quick('disassemble', { memoryReference: pc(), instructionOffset: -16384, instructionCount: 4096 });
    assert.equal(back.success, true);
    assert.equal((back.body as DebugProtocol.DisassembleResponse['body'])!.instructions.length, 4096);
    const ahead = await quick('disassemble', { memoryReference: pc(), instructionOffset: 16384, instructionCount: 4096 });
    assert.equal((ahead.body as DebugProtocol.DisassembleResponse['body'])!.instructions.length, 4096);
    await stillServing();
  });

  it('cuts a huge readMemory to 4 MiB and refuses a huge writeMemory', async () => {
    const read = await quick('readMemory', { memoryReference: pc(), count: 2 ** 40 });
    assert.equal(read.success, true);
    const body = read.body as DebugProtocol.ReadMemoryResponse['body'];
    const bytes = Buffer.from(body!.data ?? '', 'base64').length + (body!.unreadableBytes ?? 0);
    assert.ok(bytes <= 4 * 1024 * 1024, `read ${bytes} bytes`);
    const far = await quick('readMemory', { memoryReference: pc(), offset: 2 ** 50, count: 16 });
    assert.equal(far.success, true);
    const write = await quick('writeMemory', { memoryReference: pc(), data: Buffer.alloc(2 * 1024 * 1024).toString('base64') });
    assert.equal(write.success, false);
    assert.match(write.message ?? '', /writeMemory: data must hold at most 1048576 bytes/);
    await stillServing();
  });

  it('bounds stackTrace levels, variables counts and a huge array from evaluate', async () => {
    const deep = await quick('stackTrace', { threadId, startFrame: 0, levels: 1e9 });
    assert.equal(deep.success, true);
    const bad = await quick('stackTrace', { threadId, startFrame: -1 });
    assert.equal(bad.success, false);
    assert.match(bad.message ?? '', /startFrame must be an integer/);
    // expressions cannot build array types (casts to arrays are refused), so arrays are as declared
    const cast = await quick('evaluate', { expression: '*(char (*)[1000000000])scores', frameId: frame.id, context: 'watch' });
    assert.equal(cast.success, false);
    const scores = await quick('evaluate', { expression: 'scores', frameId: frame.id, context: 'watch' });
    const ref = (scores.body as DebugProtocol.EvaluateResponse['body'])!.variablesReference;
    const many = await quick('variables', { variablesReference: ref, start: 2 ** 40, count: 1e9 });
    assert.deepEqual((many.body as DebugProtocol.VariablesResponse['body'])!.variables, []);
    const negative = await quick('variables', { variablesReference: ref, count: -1 });
    assert.match(negative.message ?? '', /variables: count must be an integer/);
    await stillServing();
  });
});
