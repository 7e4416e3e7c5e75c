// Debug adapter process entry: speaks the Debug Adapter Protocol on stdin/stdout. Nothing else
// may write to stdout here; diagnostics go to the log file (see log.ts).
import { PintosDebugSession } from './session';
import { log, logError } from './log';

// Library code that prints (console.log and friends) must not corrupt the protocol stream.
for (const name of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[name] = (...parts: unknown[]) => log(`console.${name}: ${parts.map(String).join(' ')}`);
}

const session = new PintosDebugSession();
process.on('uncaughtException', (error) => session.reportInternalError('the adapter', error));
process.on('unhandledRejection', (error) => session.reportInternalError('the adapter', error));
process.on('SIGTERM', () => {
  log('SIGTERM: shutting down');
  session.shutdown();
});
try {
  session.start(process.stdin, process.stdout);
} catch (e) {
  logError('cannot start the session', e);
  process.exitCode = 1;
}
