// The status bar item of a Pintos session: while the guest runs, a spinning icon with the
// instructions retired and the kernel events so far, updated on every `pintos/vmChanged`; when
// it stops, the same counters and why it stopped. Hidden without a session. Clicking it opens
// the Fault Timeline.
import * as vscode from 'vscode';
import { shortCount } from './format';
import type { VmWatch } from './vm-watch';

/** Shows the active session's progress in the status bar. */
export class RunStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('pintos.runStatus', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly watch: VmWatch) {
    this.item.name = 'Pintos VM run';
    this.item.command = { command: 'pintos.showTimeline', title: 'Show Fault Timeline' };
    this.disposables.push(this.item, watch.onDidChangeCounters(() => this.update()), watch.onDidChange(() => this.update()));
    this.update();
  }

  /** Redraws from the watch's state. */
  update(): void {
    const session = this.watch.activeSession;
    const counters = this.watch.counters;
    if (session === undefined || counters === undefined) {
      this.item.hide();
      return;
    }
    const pace = this.watch.guestSpeed > 0 ? ` · slow motion ${shortCount(this.watch.guestSpeed)}/s` : '';
    const counts = `${shortCount(counters.retired)} instructions · ${counters.lastSeq.toLocaleString('en-US')} events${pace}`;
    const running = this.watch.running && !this.watch.ending;
    this.item.text = running ? `$(loading~spin) ${session.name}: ${counts}` : `$(debug-pause) ${session.name}: ${this.stopWord()} · ${counts}`;
    this.item.tooltip = `${session.name}: ${running ? 'running' : this.stopWord()}\n${counters.retired.toLocaleString('en-US')} instructions retired, ${counters.lastSeq.toLocaleString('en-US')} kernel events so far.\nClick to show the Fault Timeline.`;
    this.item.show();
  }

  private stopWord(): string {
    if (this.watch.ending) return 'ended';
    return this.watch.lastStopReason === 'end' ? 'at its end' : 'stopped';
  }

  /** Removes the item. */
  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
