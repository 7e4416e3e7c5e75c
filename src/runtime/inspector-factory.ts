// The one place that builds the inspection side of a runtime from its InspectorHost.
import { Inspector } from './inspect';
import type { InspectorHost } from './inspector-host';

export { Inspector };

/** Builds the inspector (variables, expressions, memory, conditions) for `host`. */
export function createInspector(host: InspectorHost): Inspector {
  return new Inspector(host);
}
