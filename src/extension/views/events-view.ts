// The VM Events view: the most recent kernel events, newest first, filterable by kind. Selecting
// an event reveals its page in the Supplemental Page Table view.
import * as vscode from 'vscode';
import type { VmEventKind, VmEventView } from '../../shared/vm-views';
import type { VmWatch } from '../vm-watch';
import { EVENT_KIND_DESCRIPTIONS, eventIcon, eventPage, eventSummary } from './event-labels';
import { SnapshotTree } from './snapshot-tree';

const FILTER_KEY = 'pintos.events.kinds';

/** Flat list of recent events. */
export class EventsView extends SnapshotTree<VmEventView[], VmEventView> {
  private kinds: VmEventKind[] | undefined;

  constructor(
    watch: VmWatch,
    private readonly state: vscode.Memento,
  ) {
    super('pintos.events', watch);
    this.kinds = state.get<VmEventKind[]>(FILTER_KEY);
  }

  protected override async load(): Promise<VmEventView[] | undefined> {
    const limit = vscode.workspace.getConfiguration('pintos.views').get<number>('eventLimit', 200);
    const args = this.kinds === undefined ? { limit } : { limit, kinds: this.kinds };
    const body = await this.watch.request('pintos/events', args);
    return body === undefined ? undefined : [...body.events].sort((a, b) => b.seq - a.seq);
  }

  protected override describe(): void {
    const n = this.snapshot?.length ?? 0;
    const filter = this.kinds === undefined ? 'all kinds' : `${this.kinds.length} kind${this.kinds.length === 1 ? '' : 's'}`;
    this.view.description = this.snapshot === undefined ? undefined : `${n} newest · ${filter}`;
  }

  override getChildren(node?: VmEventView): VmEventView[] {
    return node === undefined ? (this.snapshot ?? []) : [];
  }

  getParent(): undefined {
    return undefined;
  }

  override getTreeItem(e: VmEventView): vscode.TreeItem {
    const item = new vscode.TreeItem(`#${e.seq} ${e.kind}`, vscode.TreeItemCollapsibleState.None);
    const page = eventPage(e);
    item.id = `event-${e.seq}`;
    item.description = `pid ${e.pid} · ${eventSummary(e)}`;
    item.iconPath = new vscode.ThemeIcon(eventIcon(e.kind), e.kind === 'page-fault' && e.resolution === 'invalid' ? new vscode.ThemeColor('errorForeground') : undefined);
    const fields = Object.entries(e)
      .filter(([k]) => !['seq', 'kind'].includes(k))
      .map(([k, v]) => `${k}: ${typeof v === 'number' && (k === 'rip' || k === 'addr' || k === 'page' || k === 'rsp') ? `0x${v.toString(16)}` : JSON.stringify(v)}`);
    item.tooltip = [`#${e.seq} ${e.kind} — ${EVENT_KIND_DESCRIPTIONS[e.kind] ?? ''}`, `after ${e.icount.toLocaleString('en-US')} instructions`, ...fields].join('\n');
    item.contextValue = page !== undefined ? 'event.page' : 'event';
    if (page !== undefined) item.command = { command: 'pintos.revealPage', title: 'Reveal Page', arguments: [page.pid, page.va] };
    return item;
  }

  /** Reveals event `seq`, fetching it when it is not in the list. False when it is gone. */
  async revealEvent(seq: number): Promise<boolean> {
    await this.settled();
    let event = this.snapshot?.find((e) => e.seq === seq);
    if (event === undefined) {
      const body = await this.watch.request('pintos/events', { sinceSeq: seq - 1, limit: 1 });
      event = body?.events.find((e) => e.seq === seq);
      if (event === undefined) return false;
      this.snapshot = [event, ...(this.snapshot ?? [])];
      this.changed.fire(undefined);
    }
    await this.view.reveal(event, { select: true, focus: true });
    return true;
  }

  /** Asks which kinds to show (multi-select quick pick), remembers the choice, reloads. */
  async pickKinds(): Promise<void> {
    const items = (Object.keys(EVENT_KIND_DESCRIPTIONS) as VmEventKind[]).map((kind) => ({
      label: kind,
      description: EVENT_KIND_DESCRIPTIONS[kind],
      picked: this.kinds === undefined || this.kinds.includes(kind),
    }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'VM event kinds to show', placeHolder: 'Kinds of kernel events the VM Events view lists' });
    if (picked === undefined) return;
    this.kinds = picked.length === items.length ? undefined : picked.map((p) => p.label);
    await this.state.update(FILTER_KEY, this.kinds);
    await this.reload();
  }
}
