// Bundles the extension, the debug adapter, the command-line runner and the webview front ends
// with esbuild. `--watch` rebuilds on change. Every bundle gets a source map.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, logLevel: 'info', target: 'es2022' };

/**
 * Writes the SHA-256 of a bundle beside it (OUTFILE.sha256) after every build: the launcher keys
 * the bundle's code cache by it (src/cli/code-cache.ts), so no run pays for hashing the bundle.
 */
const writeBundleHash = {
  name: 'bundle-hash',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const file = build.initialOptions.outfile;
      writeFileSync(`${file}.sha256`, `${createHash('sha256').update(readFileSync(file)).digest('hex')}\n`);
    });
  },
};

/** Node-side bundles: one entry file each, CommonJS, for Node 20. */
const nodeBundles = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/adapter/main.ts'], outfile: 'dist/adapter.js' },
  { entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [writeBundleHash] },
  { entryPoints: ['src/cli/bench.ts'], outfile: 'dist/bench.js' },
  { entryPoints: ['src/cli/bench-debugger.ts'], outfile: 'dist/bench-debugger.js' },
].map((b) => ({ ...common, platform: 'node', format: 'cjs', ...b }));

/** Webview bundles: every media/<panel>/main.ts becomes media/dist/<panel>.js for the browser. */
const webviewBundles = existsSync('media')
  ? readdirSync('media', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('media', d.name, 'main.ts')))
      .map((d) => ({
        ...common,
        platform: 'browser',
        format: 'iife',
        entryPoints: [join('media', d.name, 'main.ts')],
        outfile: join('media', 'dist', `${d.name}.js`),
      }))
  : [];

/** VS Code's icon font for the webviews (the panels use the same icons as the workbench). */
function copyCodicons() {
  mkdirSync(join('media', 'dist'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules', '@vscode', 'codicons', 'dist', file), join('media', 'dist', file));
}
copyCodicons();

const all = [...nodeBundles, ...webviewBundles];
if (watch) {
  for (const options of all) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(all.map((options) => esbuild.build(options)));
}
