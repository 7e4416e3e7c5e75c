// `npm start`'s last step: serves the extension in code-server (loopback only) for the sample
// workspace, prints the URL to open, and runs until Ctrl-C. User data and extensions persist
// in .code-server/run/ so settings and layout survive a restart; the extension is refreshed.
import * as path from 'node:path';
import { freePort, ROOT, startCodeServer } from './code-server';

async function main(): Promise<void> {
  const workspace = path.join(ROOT, 'sample-workspace');
  const wanted = Number(process.env.PORT ?? '8080');
  const port = await freePort().then(async (any) => ((await isFree(wanted)) ? wanted : any));
  const server = await startCodeServer(workspace, { base: path.join(ROOT, '.code-server', 'run'), port, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  const url = `${server.url}?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nPintos VM Debugger is running in VS Code (code-server ${'4.100.3'}).\n\n  Open ${url}\n\nPress Ctrl-C to stop.`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** True when nothing listens on 127.0.0.1:`port`. */
async function isFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
