// Fills sample-workspace/ with the built user programs (userprogs/build → sample-workspace/
// userprogs/build, sources beside them for source breakpoints) so it can be opened in VS Code
// with its launch configurations. Usage: node scripts/sample-workspace.mjs [target-folder]
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(process.argv[2] ?? join(root, 'sample-workspace'));
const build = join(root, 'userprogs', 'build');
if (!existsSync(join(build, 'stack-grow'))) {
  console.error('userprogs/build/stack-grow is missing: run `npm run userprogs` first.');
  process.exit(1);
}
if (target !== join(root, 'sample-workspace')) cpSync(join(root, 'sample-workspace'), target, { recursive: true });
const dest = join(target, 'userprogs');
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });
const skip = (src) => /[/\\](obj|native)([/\\]|$)/.test(src.slice(build.length));
cpSync(build, join(dest, 'build'), { recursive: true, filter: (src) => !skip(src) });
for (const dir of ['src', 'lib']) cpSync(join(root, 'userprogs', dir), join(dest, dir), { recursive: true });
console.log(`sample workspace ready: ${target}`);
