// The Frame Table view: every user frame in use with its owner(s), page, kind, A/D bits and pin,
// and where the clock hand points. Selecting a frame reveals its page.
import * as vscode from 'vscode';
import type { FrameTableView, FrameView } from '../../shared/vm-views';
import { adBits, frameOwners } from '../format';
import type { VmWatch } from '../vm-watch';
import { SnapshotTree } from './snapshot-tree';

/** Flat list of frames in use, by index. */
export class FramesView extends SnapshotTree<FrameTableView, FrameView> {
  constructor(watch: VmWatch) {
    super('pintos.frames', watch);
  }

  protected override load(): Promise<FrameTableView | undefined> {
    return this.watch.request('pintos/frames', {});
  }

  protected override describe(): void {
    const t = this.snapshot;
    this.view.description = t === undefined ? undefined : `${t.used}/${t.capacity} used · ${t.policy}, hand at ${t.clockHand}`;
  }

  override getChildren(node?: FrameView): FrameView[] {
    return node === undefined ? (this.snapshot?.frames ?? []) : [];
  }

  override getTreeItem(f: FrameView): vscode.TreeItem {
    const hand = f.index === this.snapshot?.clockHand;
    const item = new vscode.TreeItem(`frame ${f.index}`, vscode.TreeItemCollapsibleState.None);
    const flags = [f.kind, adBits(f.accessed, f.dirty)];
    if (f.pinned) flags.push('pinned');
    if (f.owners.length > 1) flags.push(`shared ×${f.owners.length}`);
    item.id = `frame-${f.index}`;
    item.description = `${frameOwners(f)} · ${flags.join(' · ')}${hand ? ' · ◀ clock hand' : ''}`;
    item.iconPath = new vscode.ThemeIcon(hand ? 'arrow-right' : f.pinned ? 'pinned' : 'symbol-array', hand ? new vscode.ThemeColor('charts.yellow') : undefined);
    item.tooltip = [
      `Frame ${f.index} at physical 0x${f.pa.toString(16)}`,
      `Owners: ${frameOwners(f)}`,
      `Kind: ${f.kind}`,
      `Accessed: ${f.accessed ? 'yes' : 'no'}, dirty: ${f.dirty ? 'yes' : 'no'}, pinned: ${f.pinned ? 'yes' : 'no'}`,
      `Loaded after ${f.loadedAt.toLocaleString('en-US')} instructions, last used at ${f.lastUse.toLocaleString('en-US')}`,
      ...(hand ? ['The clock hand points here: the next eviction scan starts at this frame.'] : []),
    ].join('\n');
    item.contextValue = f.owners.length > 0 ? 'frame' : 'frame.free';
    const owner = f.owners[0];
    if (owner !== undefined) item.command = { command: 'pintos.revealPage', title: 'Reveal Page', arguments: [owner.pid, owner.page] };
    return item;
  }
}
