// One webview panel showing VM data: loads its data on every VM change while visible (a hidden
// panel catches up when shown), answers the webview's requests and records render timings.
import * as vscode from 'vscode';
import { isWebviewMessage, type HostMessage, type PanelData, type PanelKind, type PanelState, type WebviewMessage } from '../../shared/webview-messages';
import type { VmWatch } from '../vm-watch';
import { PANEL_LOADERS } from './panel-data';
import { panelHtml } from './panel-html';

/** Render time reported by a webview. */
export interface RenderTiming {
  phase: 'first' | 'update';
  ms: number;
  items: number;
}

/** What a panel needs from the rest of the extension. */
export interface PanelContext {
  watch: VmWatch;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** reveal a page in the SPT view */
  revealPage(pid: number, va: number): Promise<void>;
  /** travel the paused session to VM event `seq` (as the VM Events view's command does); false when it could not */
  travelToEvent(seq: number): Promise<boolean>;
}

export const PANEL_TITLES: Record<PanelKind, string> = {
  pageTable: 'Page-Table Walk',
  frameMap: 'Frame Map',
  swapMap: 'Swap Map',
  timeline: 'Fault Timeline',
};

/** A live panel of kind K around a VS Code webview panel. */
export class VmPanel<K extends PanelKind = PanelKind> implements vscode.Disposable {
  private stale = true;
  private ready = false;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  /** fired once when the user closes the panel */
  readonly onDidClose = this.closed.event;
  /** the last data shown during a session (kept on screen once the session ends) */
  private lastData: PanelData[K] | undefined;
  /** render timings reported by the webview, oldest first (the last 50) */
  readonly timings: RenderTiming[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly kind: K,
    private readonly ctx: PanelContext,
    /** what the panel follows; mirrors the webview's own saved state */
    private state: PanelState,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(ctx.extensionUri, 'media')] };
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'icons', 'pintos-vm.svg');
    panel.webview.html = panelHtml(panel.webview, ctx.extensionUri, kind, PANEL_TITLES[kind]);
    this.disposables.push(
      this.closed,
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.update();
      }),
      panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
      ctx.watch.onDidChange((reason) => {
        if (reason === 'session' && ctx.watch.activeSession !== undefined) {
          this.state = { ...this.state, pid: undefined };
          this.lastData = undefined;
        }
        this.stale = true;
        if (panel.visible) void this.update();
      }),
    );
  }

  /** Changes what the panel follows (e.g. a page-table walk at another address) and reloads. */
  follow(state: PanelState): void {
    this.state = { ...this.state, ...state };
    this.stale = true;
    void this.update();
  }

  /** Loads the data and posts it to the webview (only once the webview said it is ready). */
  async update(): Promise<void> {
    if (!this.ready) return;
    const generation = ++this.generation;
    this.stale = false;
    const loaded = await PANEL_LOADERS[this.kind](this.ctx.watch, this.state);
    if (generation !== this.generation) return;
    const watch = this.ctx.watch;
    if ('data' in loaded && watch.activeSession !== undefined && !watch.ending) this.lastData = loaded.data;
    const ended = watch.endedSession ?? (watch.ending ? watch.activeSession?.name : undefined);
    let message: HostMessage<K>;
    if ('data' in loaded) message = { type: 'update', data: loaded.data, running: this.ctx.watch.running };
    else if (ended !== undefined && this.lastData !== undefined) message = { type: 'update', data: this.lastData, running: false, ended };
    else message = { type: 'empty', reason: loaded.empty };
    await this.panel.webview.postMessage(message);
  }

  /** Handles one message from the webview; anything malformed is logged and ignored. */
  receive(m: unknown): void {
    if (!isWebviewMessage(m)) {
      this.ctx.log.warn(`${this.kind} panel sent an unexpected message: ${JSON.stringify(m)}`);
      return;
    }
    void this.handle(m);
  }

  /** Acts on a checked message; resolves when done (for tests). */
  async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.update();
        return;
      case 'rendered':
        this.timings.push({ phase: m.phase, ms: m.ms, items: m.items });
        if (this.timings.length > 50) this.timings.shift();
        this.ctx.log.info(`${this.kind}: ${m.phase} render of ${m.items} items in ${m.ms.toFixed(1)} ms`);
        return;
      case 'revealPage':
        await this.ctx.revealPage(m.pid, m.va);
        return;
      case 'travelToEvent':
        if (!(await this.ctx.travelToEvent(m.seq))) this.ctx.log.info(`${this.kind}: travel to event #${m.seq} did not start`);
        return;
      case 'walk': {
        // the searched address is followed from now on, so it survives hide/show and stops
        this.state = { ...this.state, focusVa: m.va };
        const pid = this.state.pid ?? this.ctx.watch.pid;
        const walk = pid === undefined ? undefined : await this.ctx.watch.request('pintos/pageWalk', { pid, va: m.va });
        const reply: HostMessage<K> = walk !== undefined ? { type: 'walk', walk } : { type: 'walkFailed', va: m.va, message: pid === undefined ? 'no process selected' : 'the debugger could not walk this address' };
        await this.panel.webview.postMessage(reply);
        return;
      }
    }
  }

  /** Closes listeners (not the panel itself unless VS Code already did). */
  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
