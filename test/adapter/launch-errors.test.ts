// The adapter's answers before and around a launch: truthful capabilities, clear user-facing
// errors for a malformed ELF, a missing program and a bad launch attribute, requests at the wrong
// time answered with an error, and the adapter alive after each of them.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, sample } from './harness';

/** Asserts `response` failed with a message shown to the user matching `pattern`. */
function assertUserError(response: DebugProtocol.Response, pattern: RegExp): void {
  assert.equal(response.success, false, 'the request should fail');
  const error = (response.body as { error?: DebugProtocol.Message } | undefined)?.error;
  assert.ok(error, 'an error response carries a Message');
  assert.equal(error.showUser, true, 'the message is shown to the user');
  assert.match(response.message ?? '', pattern);
  assert.doesNotMatch(response.message ?? '', /internal error/);
}

describe('adapter: launch errors and requests at the wrong time', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('announces the capabilities it implements', () => {
    const c = s.capabilities;
    for (const key of [
      'supportsConfigurationDoneRequest',
      'supportsConditionalBreakpoints',
      'supportsHitConditionalBreakpoints',
      'supportsLogPoints',
      'supportsFunctionBreakpoints',
      'supportsInstructionBreakpoints',
      'supportsDataBreakpoints',
      'supportsDataBreakpointBytes',
      'supportsExceptionInfoRequest',
      'supportsSteppingGranularity',
      'supportsReadMemoryRequest',
      'supportsWriteMemoryRequest',
      'supportsDisassembleRequest',
      'supportsSetVariable',
      'supportsSetExpression',
      'supportsCompletionsRequest',
      'supportsTerminateRequest',
      'supportsRestartRequest',
      'supportsCancelRequest',
      'supportsLoadedSourcesRequest',
      'supportsValueFormattingOptions',
      'supportsBreakpointLocationsRequest',
    ] as const) {
      assert.equal(c[key], true, key);
    }
    const filters = c.exceptionBreakpointFilters ?? [];
    assert.ok(filters.length >= 11);
    assert.ok(filters.every((f) => f.supportsCondition && f.conditionDescription));
    assert.equal(filters.find((f) => f.filter === 'invalid-access')?.default, true);
  });

  it('reports a missing program to the user and stays alive', async () => {
    const r = await s.raw('launch', { program: path.join(tmpdir(), 'no-such-pintos-program') });
    assertUserError(r, /no-such-pintos-program/);
    const threads = await s.dc.threadsRequest();
    assert.deepEqual(threads.body.threads, []);
  });

  it('reports a malformed ELF to the user and stays alive', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pintos-adapter-'));
    const bad = path.join(dir, 'broken');
    writeFileSync(bad, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(40, 0xee)]));
    const r = await s.raw('launch', { program: bad });
    assertUserError(r, /broken/);
    const after = await s.raw('threads');
    assert.equal(after.success, true);
  });

  it('reports a bad launch attribute by name and can then launch correctly', async () => {
    const r = await s.raw('launch', { program: sample('hello'), memoryMB: 'lots' });
    assertUserError(r, /memoryMB/);
    await s.launch({ program: sample('hello'), stopOnEntry: true });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'entry');
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    await s.next('terminated');
    await s.launch({ program: sample('hello'), stopOnEntry: true });
    assert.equal((await s.nextStop()).body.reason, 'entry', 'a second program in the same adapter starts too');
  });

  it('answers requests before a launch with an error, not a crash', async () => {
    const trace = await s.raw('stackTrace', { threadId: 1 });
    assert.equal(trace.success, false);
    assert.match(trace.message ?? '', /launch/);
    const vars = await s.raw('variables', { variablesReference: 1234 });
    assert.equal(vars.success, false);
    const unknown = await s.raw('pintos/noSuchRequest', {});
    assert.equal(unknown.success, false);
    assert.match(unknown.message ?? '', /unknown or unsupported request/);
    const attach = await s.raw('attach', {});
    assert.equal(attach.success, false);
    const back = await s.raw('stepBack', { threadId: 1 });
    assert.equal(back.success, false);
    const threads = await s.dc.threadsRequest();
    assert.deepEqual(threads.body.threads, []);
  });

  it('survives a malformed request: an error response, the stack in the log file', async () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'pintos-adapter-log-')), 'adapter.log');
    const logged = new AdapterSession({ PINTOS_VM_LOG: log });
    await logged.start();
    try {
      const r = await logged.raw('setBreakpoints', {});
      assert.equal(r.success, false);
      assert.match(r.message ?? '', /^internal error: .*adapter\.log/);
      assert.equal((await logged.raw('threads')).success, true);
      assert.match(readFileSync(log, 'utf8'), /internal error in 'setBreakpoints': TypeError.*\n\s+at /);
    } finally {
      await logged.stop();
    }
  });

  it('answers requests while running and with stale references with an error', async () => {
    await s.launch({ program: sample('pressure'), args: ['4'], memoryMB: 2 });
    const running = await s.raw('stackTrace', { threadId: 1 });
    assert.equal(running.success, false);
    assert.match(running.message ?? '', /running/);
    await s.dc.pauseRequest({ threadId: 1 });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'pause');
    const stale = await s.raw('variables', { variablesReference: 987654 });
    assert.equal(stale.success, false);
    const frames = await s.frames(stop.body.threadId!);
    assert.ok(frames.length > 0);
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    const old = await s.raw('scopes', { frameId: frames[0].id });
    assert.equal(old.success, false);
  });
});
