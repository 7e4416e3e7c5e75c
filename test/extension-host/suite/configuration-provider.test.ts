// The configuration providers: programs of the workspace found by their ELF header, paths
// resolved against the workspace folder, a clear refusal of a missing program.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPrograms } from '../../../src/extension/program-finder';
import { folder, parts } from './extension';

describe('configuration provider', () => {
  it('finds the sample programs by their ELF header, not by name', async () => {
    const programs = await findPrograms([folder()]);
    const names = programs.map((p) => p.relative);
    for (const n of ['userprogs/build/stack-grow', 'userprogs/build/pressure', 'userprogs/build/fork-cow']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    assert.ok(!names.some((n) => n.endsWith('.c') || n.includes('/src/')), 'no sources');
  });

  it('resolves relative paths against the workspace folder', async () => {
    const { configurations } = await parts();
    const f = folder();
    const resolved = configurations.resolveDebugConfigurationWithSubstitutedVariables(f, {
      type: 'pintos',
      request: 'launch',
      name: 't',
      program: 'userprogs/build/hello',
      files: ['userprogs/build/fork-cow', { host: 'userprogs/build/hello', guest: 'h' }],
      stdin: { file: 'input.txt' },
    });
    assert.ok(resolved);
    assert.equal(resolved.program, path.join(f.uri.fsPath, 'userprogs/build/hello'));
    assert.equal(resolved.cwd, f.uri.fsPath);
    assert.deepEqual(resolved.files, [path.join(f.uri.fsPath, 'userprogs/build/fork-cow'), { host: path.join(f.uri.fsPath, 'userprogs/build/hello'), guest: 'h' }]);
    assert.deepEqual(resolved.stdin, { file: path.join(f.uri.fsPath, 'input.txt') });
  });

  it('refuses a missing program (null opens launch.json)', async () => {
    const { configurations } = await parts();
    const resolved = configurations.resolveDebugConfigurationWithSubstitutedVariables(folder(), { type: 'pintos', request: 'launch', name: 't', program: 'no/such/program' });
    assert.equal(resolved, null);
  });

  it('keeps a complete configuration as it is before substitution', async () => {
    const { configurations } = await parts();
    const config: vscode.DebugConfiguration = { type: 'pintos', request: 'launch', name: 't', program: '${workspaceFolder}/userprogs/build/hello' };
    assert.deepEqual(await configurations.resolveDebugConfiguration(folder(), config), config);
  });
});
