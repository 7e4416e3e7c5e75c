// The layer rule of the design document is enforced by lint: these cases lint probe sources as
// if they stood in the given folders and check the verdicts.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

async function layerErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'layers/import-direction').map((m) => m.message);
}

describe('layer rule (lint)', function () {
  this.timeout(60000);

  it("rejects `import * as vscode from 'vscode'` in src/emu", async () => {
    const errors = await layerErrors('src/emu/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Only src\/extension may import 'vscode'/);
  });

  it('makes `npm run lint` fail on such a file', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintText("import * as vscode from 'vscode';\nexport const x = vscode;\n", {
      filePath: path.join(root, 'src/emu/probe.ts'),
    });
    assert.ok(ESLint.getErrorResults(results).length > 0, 'an error result fails the lint run');
  });

  it('accepts vscode in src/extension', async () => {
    assert.deepEqual(await layerErrors('src/extension/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"), []);
  });

  it('rejects upward imports: emu → kernel, kernel → runtime, runtime → adapter', async () => {
    for (const [file, spec] of [
      ['src/emu/probe.ts', '../kernel/process'],
      ['src/kernel/vm/probe.ts', '../../runtime/machine'],
      ['src/runtime/probe.ts', '../adapter/session'],
      ['src/debuginfo/probe.ts', '../emu/machine'],
    ]) {
      const errors = await layerErrors(file, `import { a } from '${spec}';\nexport const x = a;\n`);
      assert.equal(errors.length, 1, `${file} importing ${spec}`);
      assert.match(errors[0], /may not import from src\//);
    }
  });

  it('accepts downward imports and imports within a layer', async () => {
    for (const [file, spec] of [
      ['src/kernel/probe.ts', '../emu/machine'],
      ['src/runtime/probe.ts', '../kernel/process'],
      ['src/adapter/probe.ts', '../runtime/debug-machine'],
      ['src/emu/exec/probe.ts', '../decoder/decode'],
    ]) {
      assert.deepEqual(await layerErrors(file, `import { a } from '${spec}';\nexport const x = a;\n`), [], `${file} → ${spec}`);
    }
  });
});
