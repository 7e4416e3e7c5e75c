// One copy of each source file, over a real DAP stream: a breakpoint set in a workspace copy of a
// source file binds to the code the debug info names by another path, and the stop shows the
// workspace copy (same relative path under the workspace folder); `sourceFileMap` does the same
// for a copy elsewhere, with the meaning the C/C++ debuggers give it.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AdapterSession, buildAdapter, markerLine, ROOT, sample, sampleSource } from './harness';

describe('adapter: one copy of each source file', function () {
  let s: AdapterSession;
  let workspace: string;
  before(() => buildAdapter());
  beforeEach(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'pintos-sources-'));
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => {
    await s.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  /** Copies userprogs/src and the built program into `folder` (as the sample workspace does); returns the copied source of `name`. */
  function copySample(folder: string, name: string): string {
    mkdirSync(path.join(folder, 'userprogs', 'build'), { recursive: true });
    cpSync(path.join(ROOT, 'userprogs', 'src'), path.join(folder, 'userprogs', 'src'), { recursive: true });
    cpSync(sample(name), path.join(folder, 'userprogs', 'build', name));
    return path.join(folder, 'userprogs', 'src', `${name}.c`);
  }

  it('binds a breakpoint in the workspace copy and stops in that copy, not the build path', async () => {
    const copy = copySample(workspace, 'stack-grow');
    assert.notEqual(copy, sampleSource('stack-grow'), 'the debug info names another path');
    const marker = 'recurse_entry';
    let verified: boolean | undefined;
    await s.launch({ program: path.join(workspace, 'userprogs', 'build', 'stack-grow'), cwd: workspace }, async () => {
      verified = (await s.breakAt(copy, [marker]))[0]?.verified;
    });
    assert.equal(verified, true, 'the breakpoint in the copy binds');
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'breakpoint');
    const top = (await s.frames(stop.body.threadId!))[0];
    assert.equal(top.source?.path, copy, 'the stop opens the workspace copy');
    assert.equal(top.line, markerLine(copy, marker));
    const loaded = ((await s.raw('loadedSources', {})) as DebugProtocol.LoadedSourcesResponse).body.sources.map((x) => x.path);
    assert.ok(loaded.includes(copy) && !loaded.includes(sampleSource('stack-grow')), `loaded sources name the copy only: ${loaded.join(', ')}`);
  });

  it('maps compile-time paths with sourceFileMap', async () => {
    const elsewhere = path.join(workspace, 'elsewhere');
    const copy = copySample(elsewhere, 'stack-grow');
    const program = path.join(elsewhere, 'userprogs', 'build', 'stack-grow');
    const sourceFileMap = { [path.join(ROOT, 'userprogs')]: path.join(elsewhere, 'userprogs') };
    let verified: boolean | undefined;
    await s.launch({ program, cwd: ROOT, sourceFileMap }, async () => {
      verified = (await s.breakAt(copy, ['recurse_entry']))[0]?.verified;
    });
    assert.equal(verified, true);
    const stop = await s.nextStop();
    assert.equal((await s.frames(stop.body.threadId!))[0].source?.path, copy);
  });

  it('refuses a sourceFileMap that is not an object of paths, naming the attribute', async () => {
    const r = await s.raw('launch', { program: sample('hello'), sourceFileMap: { '/build': 7 } });
    assert.equal(r.success, false);
    assert.match(r.message ?? '', /sourceFileMap\['\/build'\]/);
  });
});
