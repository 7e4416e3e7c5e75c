// Follows the active `pintos` debug session for the views and panels: which process is
// selected, whether the machine runs, and when the VM state changed. Stops refresh at once;
// while running, `pintos/vmChanged` refreshes at a throttled rate. Data comes only through DAP.
import * as vscode from 'vscode';
import type { CustomEvents, CustomRequestArgs, CustomRequestBody, CustomRequestName } from '../shared/custom-requests';
import { throttle, type Throttled } from './throttle';

/** Why the VM views should refresh. */
export type VmChangeReason = 'stopped' | 'live' | 'selection' | 'session' | 'manual';

/** The state of the active Pintos session as the views need it; fires onDidChange. */
export class VmWatch implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<VmChangeReason>();
  /** fired when views should reload (already throttled while running) */
  readonly onDidChange = this.emitter.event;
  private session: vscode.DebugSession | undefined;
  private stoppedPid: number | undefined;
  private pinnedPid: number | undefined;
  private readonly live: Throttled;
  private readonly disposables: vscode.Disposable[] = [];
  /** true while the machine runs */
  running = false;
  /** name of the session that ended last, while no other has started: the views keep its last state */
  endedSession: string | undefined;
  /** the adapter said the run is over (exited or terminated): its answers no longer describe the machine */
  ending = false;
  /** the reason of the last stop (`end` when the program ended and the session waits at its end) */
  lastStopReason: string | undefined;
  /** slow motion: the guest's speed limit in instructions per second (0: full speed), as last set */
  guestSpeed = 0;
  /** the machine's counters as of the adapter's last `pintos/vmChanged` (instructions retired, kernel events so far) */
  counters: { retired: number; lastSeq: number } | undefined;
  private readonly countersEmitter = new vscode.EventEmitter<void>();
  /** fired on every `pintos/vmChanged`, unthrottled (cheap listeners only: a status bar text) */
  readonly onDidChangeCounters = this.countersEmitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.live = throttle(
      () => this.emitter.fire('live'),
      () => vscode.workspace.getConfiguration('pintos.views').get<number>('liveRefreshMs', 500),
    );
    this.adopt(vscode.debug.activeDebugSession);
    this.disposables.push(
      this.emitter,
      this.countersEmitter,
      // no active session is not the end of ours: its termination lets it go (and keeps its last state)
      vscode.debug.onDidChangeActiveDebugSession((s) => {
        if (s?.type === 'pintos') this.adopt(s);
      }),
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === 'pintos' && this.session === undefined) this.adopt(s);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
          if (s.type !== 'pintos' || s.id !== this.session?.id) return;
        this.endedSession = s.name;
        this.adopt(undefined);
      }),
      vscode.debug.onDidChangeActiveStackItem(() => {
        this.pinnedPid = undefined;
        this.emitter.fire('selection');
      }),
      vscode.debug.registerDebugAdapterTrackerFactory('pintos', {
        createDebugAdapterTracker: (s) => ({ onDidSendMessage: (m: unknown) => this.onAdapterMessage(s, m) }),
      }),
    );
  }

  /** The session the views show, if any. */
  get activeSession(): vscode.DebugSession | undefined {
    return this.session;
  }

  /**
   * The selected process: one picked in the Processes view (until the Call Stack selection
   * changes), else the thread of the Call Stack's selection, else the one that stopped.
   */
  get pid(): number | undefined {
    if (this.pinnedPid !== undefined) return this.pinnedPid;
    const item = vscode.debug.activeStackItem;
    if (item !== undefined && item.session.id === this.session?.id) return item.threadId;
    return this.stoppedPid;
  }

  /**
   * Sends a custom request to the active session. Returns undefined when there is none or the
   * adapter refused (the reason goes to the log); never throws.
   */
  async request<K extends CustomRequestName>(command: K, args: CustomRequestArgs<K>): Promise<CustomRequestBody<K> | undefined> {
    const session = this.session;
    if (session === undefined) return undefined;
    try {
      return (await session.customRequest(command, args)) as CustomRequestBody<K>;
    } catch (e) {
      if (session.id === this.session?.id) this.log.warn(`${command} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Shows `pid` in the views until the Call Stack selection changes. */
  selectPid(pid: number): void {
    if (pid === this.pid) return;
    this.pinnedPid = pid;
    this.emitter.fire('selection');
  }

  /** Asks every view to reload now. */
  refresh(): void {
    this.emitter.fire('manual');
  }

  /** Disposes listeners and timers. */
  dispose(): void {
    this.live.cancel();
    for (const d of this.disposables) d.dispose();
  }

  private adopt(session: vscode.DebugSession | undefined): void {
    if (session?.type !== 'pintos') session = undefined;
    if (session?.id === this.session?.id) return;
    this.session = session;
    if (session !== undefined) this.endedSession = undefined;
    this.stoppedPid = undefined;
    this.pinnedPid = undefined;
    this.running = false;
    this.ending = false;
    this.lastStopReason = undefined;
    this.counters = undefined;
    this.guestSpeed = typeof session?.configuration.guestSpeed === 'number' ? session.configuration.guestSpeed : 0;
    this.live.cancel();
    this.emitter.fire('session');
  }

  private onAdapterMessage(session: vscode.DebugSession, message: unknown): void {
    const m = message as { type?: string; event?: string; body?: { threadId?: number; reason?: string } };
    // every event, `pintos/vmChanged` included, is taken here in the order the adapter sent it (the
    // custom-event API may deliver a "running" sent before a stop after it)
    if (m.type !== 'event') return;
    if (session.id !== this.session?.id) {
      if (m.event === 'stopped') this.adopt(session);
      else return;
    }
    if (m.event === 'stopped') {
      this.running = false;
      this.lastStopReason = m.body?.reason;
      if (typeof m.body?.threadId === 'number') this.stoppedPid = m.body.threadId;
      this.live.cancel();
      this.emitter.fire('stopped');
    } else if (m.event === 'continued') {
      this.running = true;
    } else if (m.event === 'exited' || m.event === 'terminated') {
      this.ending = true;
    } else if (m.event === 'pintos/vmChanged') {
      this.onVmChanged(m.body as CustomEvents['pintos/vmChanged']);
    }
  }

  private onVmChanged(body: CustomEvents['pintos/vmChanged']): void {
    if (typeof body?.selectedPid === 'number') this.stoppedPid = body.selectedPid;
    if (typeof body?.retired === 'number' && typeof body.lastSeq === 'number') {
      this.counters = { retired: body.retired, lastSeq: body.lastSeq };
      this.countersEmitter.fire();
    }
    if (body?.running) {
      this.running = true;
      this.live.request();
    } else {
      // the adapter sends this right after each stop event, which already reloaded the views: a
      // second reload would only redraw them (and close a context menu open on one of them)
      this.running = false;
      this.live.cancel();
    }
  }
}
