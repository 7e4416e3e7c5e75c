// Follows the debug sessions the Debug profile starts: each carries a run key in its launch
// configuration; a debug adapter tracker collects the program's output, its exit status and a
// failed launch, and the session's end settles the outcome. Sessions without a key are ignored.
import * as vscode from 'vscode';
import { TEST_RUN_ATTRIBUTE } from './test-debug-config';

/** How a test's debug session ended. */
export interface DebugOutcome {
  /** the status of the `exited` event, when the program ran to its end */
  exitCode?: number;
  /** the adapter's answer to a failed launch request */
  launchError?: string;
}

/** One watched session (by run key). */
export interface WatchedSession {
  /** resolves when the session has ended (or never started and `dispose` was called) */
  readonly ended: Promise<DebugOutcome>;
  /** the session, once it has started */
  session(): vscode.DebugSession | undefined;
  /** Stops watching; `ended` resolves with what is known. */
  dispose(): void;
}

interface Watch {
  onOutput: (text: string) => void;
  outcome: DebugOutcome;
  session?: vscode.DebugSession;
  finish: () => void;
}

/** A DAP message as the tracker sees it (only the fields read here). */
interface DapMessage {
  type?: string;
  event?: string;
  command?: string;
  success?: boolean;
  message?: string;
  body?: { output?: string; category?: string; exitCode?: number; error?: { format?: string } };
}

const keyOf = (session: vscode.DebugSession): unknown => (session.configuration as Record<string, unknown>)[TEST_RUN_ATTRIBUTE];

export class TestDebugSessions implements vscode.Disposable {
  private readonly watches = new Map<string, Watch>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.debug.registerDebugAdapterTrackerFactory('pintos', { createDebugAdapterTracker: (session) => this.trackerFor(session) }),
      vscode.debug.onDidStartDebugSession((session) => {
        const watch = this.watchOf(session);
        if (watch !== undefined) watch.session = session;
      }),
      vscode.debug.onDidTerminateDebugSession((session) => this.watchOf(session)?.finish()),
    ];
  }

  /** Watches the session whose launch configuration carries `runKey`; call before starting it. */
  watch(runKey: string, onOutput: (text: string) => void): WatchedSession {
    let finish!: () => void;
    const watch: Watch = { onOutput, outcome: {}, finish: () => finish() };
    const ended = new Promise<DebugOutcome>((resolve) => {
      finish = () => {
        this.watches.delete(runKey);
        resolve(watch.outcome);
      };
    });
    this.watches.set(runKey, watch);
    return { ended, session: () => watch.session, dispose: () => watch.finish() };
  }

  private watchOf(session: vscode.DebugSession): Watch | undefined {
    const key = keyOf(session);
    return typeof key === 'string' ? this.watches.get(key) : undefined;
  }

  private trackerFor(session: vscode.DebugSession): vscode.DebugAdapterTracker | undefined {
    const watch = this.watchOf(session);
    if (watch === undefined) return undefined;
    return {
      onDidSendMessage: (m: DapMessage) => {
        if (m.type === 'event' && m.event === 'output' && typeof m.body?.output === 'string' && m.body.category !== 'telemetry') watch.onOutput(m.body.output);
        if (m.type === 'event' && m.event === 'exited' && typeof m.body?.exitCode === 'number') watch.outcome.exitCode = m.body.exitCode;
        if (m.type === 'response' && m.command === 'launch' && m.success === false) watch.outcome.launchError = m.body?.error?.format ?? m.message ?? 'the launch failed';
      },
    };
  }

  dispose(): void {
    for (const w of [...this.watches.values()]) w.finish();
    for (const d of this.disposables) d.dispose();
  }
}
