// The events the adapter sends over a real DAP stream: threads as processes start and exit, guest
// output, the exit code, the process states at a stop, invalidated/memory/VM-changed events after
// a stop, and the end of the adapter process on disconnect while the program runs.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ProcessView } from '../../src/shared/vm-views';
import { AdapterSession, buildAdapter, buildTestProgram, sample, sampleSource } from './harness';

describe('adapter: events', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('announces a thread per process, the guest output and the exit code', async () => {
    await s.launch({ program: sample('fork-cow') });
    const exited = await s.next<DebugProtocol.ExitedEvent>('exited');
    assert.equal(exited.body.exitCode, 0);
    await s.next('terminated');
    const threads = s.all('thread') as DebugProtocol.ThreadEvent[];
    const started = threads.filter((t) => t.body.reason === 'started').map((t) => t.body.threadId);
    const ended = threads.filter((t) => t.body.reason === 'exited').map((t) => t.body.threadId);
    assert.equal(new Set(started).size, 5, 'the parent and four children');
    assert.deepEqual(new Set(ended), new Set(started), 'every process exits');
    const stdout = (s.all('output') as DebugProtocol.OutputEvent[]).filter((o) => o.body.category === 'stdout').map((o) => o.body.output).join('');
    assert.match(stdout, /forked 4 children/);
    assert.match(stdout, /fork-cow: exit\(0\)/);
  });

  it('names each process state truthfully at a stop: stopped, blocked, exited', async () => {
    await s.launch({ program: sample('fork-cow') }, () => s.breakAt(sampleSource('fork-cow'), ['child_exit']));
    const stop = await s.nextStop();
    const processes = async () => ((await s.dc.customRequest('pintos/processes', {})).body as { processes: ProcessView[] }).processes;
    const states = new Map((await processes()).map((p) => [p.pid, p.state]));
    assert.equal(states.get(stop.body.threadId!), 'stopped', 'the process at the breakpoint is stopped, not running');
    assert.equal(states.get(1), 'blocked', 'the parent waits for its first child');
    assert.ok(![...states.values()].includes('running'), 'nothing runs while the session is paused');
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    const next = await s.nextStop();
    const after = new Map((await processes()).map((p) => [p.pid, p.state]));
    assert.equal(after.get(stop.body.threadId!), 'exited', 'the first child has exited by the second stop');
    assert.equal(after.get(next.body.threadId!), 'stopped');
  });

  it('sends memory and VM-changed events after a stop, and no invalidated (the client refreshes on the stop)', async () => {
    await s.launch({ program: sample('lazy-bss') }, () => s.breakAt(sampleSource('lazy-bss'), ['pick_pages', 'first_touch']));
    const first = await s.nextStop();
    const frame = (await s.frames(first.body.threadId!))[0];
    const changed = await s.next<DebugProtocol.Event & { body: { running: boolean; retired: number } }>('pintos/vmChanged', (e) => !e.body.running);
    assert.ok(changed.body.retired > 0);
    assert.deepEqual(s.all('invalidated'), [], 'a stop sends no invalidated event');
    const where = await s.dc.evaluateRequest({ expression: '&touched', frameId: frame.id, context: 'watch' });
    const memoryReference = where.body.memoryReference!;
    await s.dc.customRequest('readMemory', { memoryReference, count: 32 });
    await s.dc.continueRequest({ threadId: first.body.threadId! });
    await s.nextStop();
    const memory = await s.next<DebugProtocol.MemoryEvent>('memory');
    assert.equal(memory.body.memoryReference, memoryReference);
    assert.ok(memory.body.count >= 32);
  });

  it('ends the adapter process on disconnect while the program runs', async () => {
    const spin = buildTestProgram('spin');
    await s.launch({ program: spin });
    await new Promise((r) => setTimeout(r, 200));
    const adapter = s.adapterProcess;
    const gone = new Promise<void>((resolve) => (adapter.exitCode !== null ? resolve() : adapter.once('exit', resolve)));
    await s.dc.disconnectRequest({ terminateDebuggee: true });
    await Promise.race([gone, new Promise((_, reject) => setTimeout(() => reject(new Error('adapter still running 3 s after disconnect')), 3000))]);
  });
});
