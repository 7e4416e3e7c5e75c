// Bundles the extension-host test suite into one CommonJS file VS Code can load as
// `extensionTestsPath` (`vscode` and `mocha` stay external; mocha resolves from node_modules).
import * as path from 'node:path';
import { build } from 'esbuild';

/** Builds out/extension-host/index.js; returns its absolute path. */
export async function bundleExtensionHostTests(): Promise<string> {
  const root = path.resolve(__dirname, '../..');
  const outfile = path.join(root, 'out', 'extension-host', 'index.js');
  await build({
    entryPoints: [path.join(root, 'test/extension-host/suite/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return outfile;
}
