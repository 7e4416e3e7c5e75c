// The Processes view: every process of the machine as a tree by parent, with state, resident
// pages and faults. Selecting one makes the other views show it.
import * as vscode from 'vscode';
import type { ProcessView } from '../../shared/vm-views';
import type { VmWatch } from '../vm-watch';
import { SnapshotTree } from './snapshot-tree';

const STATE_ICONS: Record<ProcessView['state'], string> = {
  running: 'debug-start',
  stopped: 'debug-pause',
  ready: 'circle-outline',
  blocked: 'watch',
  exited: 'pass',
};

/** Tree of processes: roots are processes whose parent is not listed. */
export class ProcessesView extends SnapshotTree<ProcessView[], ProcessView> {
  constructor(watch: VmWatch) {
    super('pintos.processes', watch);
  }

  protected override async load(): Promise<ProcessView[] | undefined> {
    return (await this.watch.request('pintos/processes', {}))?.processes;
  }

  protected override idleMessage(): string {
    return '';
  }

  protected override describe(): void {
    const list = this.snapshot ?? [];
    const live = list.filter((p) => p.state !== 'exited').length;
    this.view.description = this.snapshot === undefined ? undefined : `${live} live, ${list.length} total${this.watch.running ? ' · running' : ''}`;
  }

  /** The rows also mark the process the VM views show (the eye). */
  protected override drawKey(list: ProcessView[]): string {
    return `${this.watch.pid}|${JSON.stringify(list)}`;
  }

  override getChildren(node?: ProcessView): ProcessView[] {
    const list = this.snapshot ?? [];
    const pids = new Set(list.map((p) => p.pid));
    if (node === undefined) return list.filter((p) => !pids.has(p.parentPid));
    return list.filter((p) => p.parentPid === node.pid);
  }

  getParent(node: ProcessView): ProcessView | undefined {
    return this.snapshot?.find((p) => p.pid === node.parentPid);
  }

  override getTreeItem(p: ProcessView): vscode.TreeItem {
    const hasChildren = (this.snapshot ?? []).some((c) => c.parentPid === p.pid);
    const item = new vscode.TreeItem(p.name, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const selected = p.pid === this.watch.pid;
    const exit = p.state === 'exited' && p.exitStatus !== undefined ? ` exit(${p.exitStatus})` : '';
    item.id = `pid-${p.pid}`;
    // the state comes first: a narrow sidebar cuts the end of the line (the tooltip has it all)
    item.description = `${p.state}${exit} · pid ${p.pid} · ${p.residentPages} resident · ${p.pageFaults} faults`;
    item.iconPath = new vscode.ThemeIcon(selected ? 'eye' : STATE_ICONS[p.state], p.state === 'running' ? new vscode.ThemeColor('debugIcon.startForeground') : undefined);
    item.tooltip = [
      `${p.name} (pid ${p.pid})`,
      `Program: ${p.program}`,
      `State: ${p.state}${exit}`,
      `Parent: ${p.parentPid > 0 ? `pid ${p.parentPid}` : 'none'}`,
      `Children: ${p.children.length > 0 ? p.children.join(', ') : 'none'}`,
      `Resident pages: ${p.residentPages}`,
      `Page faults: ${p.pageFaults}`,
      ...(selected ? ['Shown in the VM views (the eye)'] : []),
    ].join('\n');
    item.contextValue = 'process';
    item.command = { command: 'pintos.selectProcess', title: 'Show This Process', arguments: [p.pid] };
    return item;
  }

  protected override collapsible(): boolean {
    return true;
  }
}
