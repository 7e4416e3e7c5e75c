// `pintos-vm` as installed (dist/cli.js): a small launcher that runs the command-line bundle
// (dist/cli-main.js, from main.ts) through the V8 code cache, so each run after the first skips
// compiling the bundle (see code-cache.ts).
import * as path from 'node:path';
import { runWithCodeCache } from './code-cache';
import { reportTime } from './report-time';

reportTime('launcher started (Node ready)');
runWithCodeCache(path.join(__dirname, 'cli-main.js'));
