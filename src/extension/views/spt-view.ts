// The Supplemental Page Table view of the selected process: pages grouped by region, each with
// kind, permissions, where it lives, A/D bits and copy-on-write sharing. The page of the latest
// fault is marked; pages can be revealed by address from the other views.
import * as vscode from 'vscode';
import type { SptEntryView, VmEventView } from '../../shared/vm-views';
import { describePage, hexAddress, loadEventOf, pageTooltip } from '../format';
import type { VmWatch } from '../vm-watch';
import { SnapshotTree } from './snapshot-tree';
import { groupSpt, residentCount, type SptGroup } from './spt-groups';

/** What the view shows: the process's groups and the page of its latest fault. */
interface SptSnapshot {
  pid: number;
  name: string;
  groups: SptGroup[];
  faultPage?: number;
}

/** A node: a region group or a page inside one. */
export type SptNode = { group: SptGroup } | { page: SptEntryView; group: SptGroup; pid: number };

const PAGE_MASK = ~0xfff;

/** Tree of the selected process's SPT. */
export class SptView extends SnapshotTree<SptSnapshot, SptNode> {
  private readonly groupNodes = new Map<string, SptNode>();
  private readonly pageNodes = new Map<number, SptNode>();

  constructor(watch: VmWatch) {
    super('pintos.spt', watch);
  }

  protected override async load(): Promise<SptSnapshot | undefined> {
    const pid = this.watch.pid;
    if (pid === undefined) {
      this.view.message = 'No process selected.';
      return undefined;
    }
    const [spt, processes, events] = await Promise.all([
      this.watch.request('pintos/spt', { pid }),
      this.watch.request('pintos/processes', {}),
      this.watch.request('pintos/events', { kinds: ['page-fault'], limit: 1 }),
    ]);
    if (spt === undefined) {
      this.view.message = `No page table for pid ${pid}.`;
      return undefined;
    }
    const name = processes?.processes.find((p) => p.pid === pid)?.name ?? `pid ${pid}`;
    const snapshot: SptSnapshot = { pid, name, groups: groupSpt(spt.entries) };
    const fault = latestFaultOf(events?.events ?? [], pid);
    if (fault !== undefined) snapshot.faultPage = fault;
    return snapshot;
  }

  protected override describe(): void {
    const s = this.snapshot;
    if (s === undefined) {
      this.view.description = undefined;
      return;
    }
    const pages = s.groups.reduce((n, g) => n + g.entries.length, 0);
    const resident = s.groups.reduce((n, g) => n + residentCount(g), 0);
    this.view.description = `${s.name} (pid ${s.pid}) · ${pages} pages, ${resident} resident`;
  }

  override getChildren(node?: SptNode): SptNode[] {
    if (this.snapshot === undefined) return [];
    if (node === undefined) return this.snapshot.groups.map((g) => this.groupNodes.get(g.id)!);
    if ('page' in node) return [];
    return node.group.entries.map((e) => this.pageNodes.get(e.va)!);
  }

  getParent(node: SptNode): SptNode | undefined {
    return 'page' in node ? this.groupNodes.get(node.group.id) : undefined;
  }

  override getTreeItem(node: SptNode): vscode.TreeItem {
    if (!('page' in node)) {
      const g = node.group;
      const expand = g.id === 'stack' || g.entries.some((e) => this.isFaultPage(e)) || g.entries.length <= 32;
      const item = new vscode.TreeItem(g.label, expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `group-${g.id}`;
      item.description = `${g.entries.length} pages, ${residentCount(g)} resident`;
      item.iconPath = new vscode.ThemeIcon(g.id === 'code' ? 'symbol-method' : g.id === 'stack' ? 'layers' : g.id === 'data' ? 'symbol-variable' : 'file-symlink-file');
      item.contextValue = 'region';
      return item;
    }
    const e = node.page;
    const fault = this.isFaultPage(e);
    const item = new vscode.TreeItem(hexAddress(e.va), vscode.TreeItemCollapsibleState.None);
    item.id = `page-${node.pid}-${e.va}`;
    const handled = e.handlerChange === undefined ? '' : ` · ← ${e.handlerChange} by the fault handler`;
    item.description = `${describePage(e)}${fault ? ' · ← latest fault' : ''}${handled}`;
    item.tooltip = pageTooltip(e) + (fault ? '\nThe latest page fault of this process was here.' : '') + (handled ? `\nThe page-fault handler that just returned ${e.handlerChange} this entry.` : '');
    item.iconPath = pageIcon(e, fault);
    item.contextValue = `page.${e.state === 'in-frame' ? 'resident' : 'absent'}${loadEventOf(e) !== undefined ? '.loaded' : ''}`;
    item.accessibilityInformation = { label: `page ${hexAddress(e.va)}, ${item.description}` };
    return item;
  }

  /** The page node at `va` (any address inside the page) of the shown process, if listed. */
  pageAt(va: number): SptNode | undefined {
    return this.pageNodes.get(va & PAGE_MASK) ?? this.pageNodes.get(va);
  }

  /** Shows `pid`'s page containing `va`: selects the process, reloads and reveals the page. */
  async revealPage(pid: number, va: number): Promise<boolean> {
    this.watch.selectPid(pid);
    await this.reload();
    const node = this.pageAt(va);
    if (node === undefined) return false;
    await this.view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  protected override collapsible(): boolean {
    return true;
  }

  private isFaultPage(e: SptEntryView): boolean {
    return this.snapshot?.faultPage !== undefined && (this.snapshot.faultPage & PAGE_MASK) === e.va;
  }

  /** Indexes the nodes of the snapshot now shown (reveal finds them by address). */
  protected override shown(s: SptSnapshot): void {
    this.groupNodes.clear();
    this.pageNodes.clear();
    for (const group of s.groups) {
      this.groupNodes.set(group.id, { group });
      for (const page of group.entries) this.pageNodes.set(page.va, { page, group, pid: s.pid });
    }
  }
}

/** Address of the latest page fault of `pid` among `events`, if any. */
function latestFaultOf(events: VmEventView[], pid: number): number | undefined {
  const e = events.find((x) => x.kind === 'page-fault' && x.pid === pid);
  return e !== undefined && typeof e.addr === 'number' ? e.addr : undefined;
}

/** Icon by where the page lives; the latest fault gets a marker. */
function pageIcon(e: SptEntryView, fault: boolean): vscode.ThemeIcon {
  if (fault) return new vscode.ThemeIcon('debug-stackframe', new vscode.ThemeColor('debugIcon.breakpointCurrentStackframeForeground'));
  switch (e.state) {
    case 'in-frame':
      return new vscode.ThemeIcon(e.cow ? 'link' : 'circle-filled', new vscode.ThemeColor(e.dirty ? 'charts.orange' : 'charts.green'));
    case 'in-swap':
      return new vscode.ThemeIcon('archive', new vscode.ThemeColor('charts.purple'));
    case 'file-backed':
      return new vscode.ThemeIcon('file');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}
