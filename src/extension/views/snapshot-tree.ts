// Base of the VM tree views: holds the last snapshot fetched from the adapter, reloads it when
// the VM changes (only while the view is visible; a hidden view reloads when shown again) and
// drops answers that arrive after a newer request. When the session ends, the last snapshot
// stays, marked as the ended session's last state, until another session starts.
import * as vscode from 'vscode';
import type { VmWatch } from '../vm-watch';

/** A tree view over a snapshot `S` with nodes `N`. Subclasses load and shape the data. */
export abstract class SnapshotTree<S, N> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  protected snapshot: S | undefined;
  protected readonly changed = new vscode.EventEmitter<N | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<N>;
  private generation = 0;
  private stale = true;
  private loading: Promise<void> | undefined;
  protected readonly disposables: vscode.Disposable[] = [];

  constructor(
    viewId: string,
    protected readonly watch: VmWatch,
  ) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: this.collapsible() });
    this.disposables.push(
      this.view,
      this.changed,
      watch.onDidChange(() => this.invalidate()),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.reload();
      }),
    );
    if (this.view.visible) void this.reload();
  }

  /** Fetches the snapshot; undefined when there is nothing to show (the reason in `message`). */
  protected abstract load(): Promise<S | undefined>;
  abstract getChildren(node?: N): N[];
  abstract getTreeItem(node: N): vscode.TreeItem;

  /** Whether the view gets a "collapse all" button. */
  protected collapsible(): boolean {
    return false;
  }

  /** Text shown when there is no session ('' leaves room for the view's welcome content). */
  protected idleMessage(): string {
    return 'Start a Pintos debug session to see this view.';
  }

  /** Marks the data old and reloads now if the view is visible. */
  invalidate(): void {
    this.stale = true;
    if (this.view.visible) void this.reload();
  }

  /**
   * Reloads the snapshot and redraws. The latest request wins: a reload overtaken by a newer one
   * resolves only when the newer one is done, so after `await reload()` the view shows data at
   * least as new as the moment of the call.
   */
  async reload(): Promise<void> {
    await this.fetchAndDraw();
    await this.settled();
  }

  private fetchAndDraw(): Promise<void> {
    const generation = ++this.generation;
    this.stale = false;
    const run = (async () => {
      if (this.watch.activeSession === undefined) {
        const ended = this.watch.endedSession;
        if (ended !== undefined && this.snapshot !== undefined) {
          this.view.message = `"${ended}" ended: this is its last state.`;
        } else {
          this.snapshot = undefined;
          this.view.message = this.idleMessage() || undefined;
        }
      } else {
        const snapshot = await this.load();
        if (generation !== this.generation) return;
        // once the run is over, a failed load keeps the last state instead of blanking the view
        if (snapshot === undefined && this.watch.ending && this.snapshot !== undefined) return;
        if (snapshot !== undefined) this.view.message = undefined;
        // the same data again (a stop that changed nothing shown here): no redraw, which would
        // reset the rows' hover and close a context menu open on one of them
        if (snapshot !== undefined && this.snapshot !== undefined && this.drawKey(snapshot) === this.drawKey(this.snapshot)) {
          this.describe();
          return;
        }
        this.snapshot = snapshot;
        if (snapshot !== undefined) this.shown(snapshot);
      }
      this.describe();
      this.changed.fire(undefined);
    })();
    this.loading = run;
    return run;
  }

  /** Waits for the current load, if any. */
  async settled(): Promise<void> {
    while (this.loading !== undefined) {
      const current = this.loading;
      await current;
      if (current === this.loading) this.loading = undefined;
    }
  }

  /**
   * What the rows drawn from `snapshot` depend on, as a string: equal keys draw equal trees. By
   * default the snapshot itself; views whose rows also show other state add it.
   */
  protected drawKey(snapshot: S): string {
    return JSON.stringify(snapshot);
  }

  /** Called when `snapshot` becomes the one shown, before the redraw (optional). */
  protected shown(_snapshot: S): void {}

  /** Sets the view's description from the snapshot (optional). */
  protected describe(): void {}

  /** Disposes the view and listeners. */
  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
