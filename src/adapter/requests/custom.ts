// The custom requests of the VM views ('pintos/spt', 'pintos/frames', ...): each is answered by
// the runtime with plain data typed in src/shared/custom-requests.ts.
import type { CustomRequestName, CustomRequests } from '../../shared/custom-requests';
import { handler, type AnyRequestHandler, type RequestTable } from '../request-table';

/** Every custom request this adapter serves (the keys of CustomRequests). */
const NAMES: Record<CustomRequestName, true> = {
  'pintos/processes': true,
  'pintos/spt': true,
  'pintos/pageTables': true,
  'pintos/pageWalk': true,
  'pintos/frames': true,
  'pintos/swap': true,
  'pintos/events': true,
  'pintos/stats': true,
  'pintos/watchPage': true,
  'pintos/travelToEvent': true,
  'pintos/reverseStepOut': true,
  'pintos/history': true,
  'pintos/setGuestSpeed': true,
};

/** The handler of custom request `name`: the runtime's answer, also after the program ended. */
function forward<K extends CustomRequestName>(name: K): AnyRequestHandler {
  return handler((ctx, args: CustomRequests[K][0]) => ctx.runtime().custom(name, args));
}

/** Handlers of the custom requests, by command. */
export const customRequests: RequestTable = Object.fromEntries((Object.keys(NAMES) as CustomRequestName[]).map((name) => [name, forward(name)]));
