// The Swap Slots view: every used swap slot with the page(s) stored there.
import * as vscode from 'vscode';
import type { SwapView } from '../../shared/vm-views';
import { frameOwners } from '../format';
import type { VmWatch } from '../vm-watch';
import { SnapshotTree } from './snapshot-tree';

type Slot = SwapView['used'][number];

/** Flat list of used slots, by number. */
export class SwapSlotsView extends SnapshotTree<SwapView, Slot> {
  constructor(watch: VmWatch) {
    super('pintos.swap', watch);
  }

  protected override load(): Promise<SwapView | undefined> {
    return this.watch.request('pintos/swap', {});
  }

  protected override describe(): void {
    const s = this.snapshot;
    this.view.description = s === undefined ? undefined : `${s.usedSlots}/${s.slotCount} slots used`;
    if (s !== undefined) this.view.message = s.usedSlots === 0 ? 'The swap disk is empty.' : undefined;
  }

  override getChildren(node?: Slot): Slot[] {
    return node === undefined ? (this.snapshot?.used ?? []) : [];
  }

  override getTreeItem(s: Slot): vscode.TreeItem {
    const item = new vscode.TreeItem(`slot ${s.slot}`, vscode.TreeItemCollapsibleState.None);
    item.id = `slot-${s.slot}`;
    item.description = `${frameOwners(s)}${s.refs > 1 ? ` · ${s.refs} references` : ''}`;
    item.iconPath = new vscode.ThemeIcon('archive');
    item.tooltip = `Swap slot ${s.slot} (sectors ${s.slot * 8}–${s.slot * 8 + 7})\n${frameOwners(s)}\nReferences: ${s.refs}`;
    item.contextValue = 'slot';
    const owner = s.owners[0];
    if (owner !== undefined) item.command = { command: 'pintos.revealPage', title: 'Reveal Page', arguments: [owner.pid, owner.page] };
    return item;
  }
}
