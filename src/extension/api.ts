// What activate() returns: the extension's parts, for its own extension-host tests (a test gets
// it from vscode.extensions.getExtension(...).exports). Not a public API.
import type { PintosConfigurationProvider } from './configuration-provider';
import type { PanelManager } from './panels/panel-manager';
import type { RunStatus } from './run-status';
import type { TestExplorer } from './testing/test-explorer';
import type { EventsView } from './views/events-view';
import type { FramesView } from './views/frames-view';
import type { ProcessesView } from './views/processes-view';
import type { SptView } from './views/spt-view';
import type { SwapSlotsView } from './views/swap-view';
import type { VmWatch } from './vm-watch';

/** The parts of the running extension. */
export interface PintosExtensionParts {
  watch: VmWatch;
  views: { processes: ProcessesView; spt: SptView; frames: FramesView; swap: SwapSlotsView; events: EventsView };
  panels: PanelManager;
  configurations: PintosConfigurationProvider;
  tests: TestExplorer;
  runStatus: RunStatus;
}
