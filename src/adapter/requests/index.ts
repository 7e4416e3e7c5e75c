// Every request the adapter serves, by command: the union of the per-concern tables.
import type { RequestTable } from '../request-table';
import { breakpointRequests } from './breakpoints';
import { customRequests } from './custom';
import { executionRequests } from './execution';
import { expressionRequests } from './expressions';
import { lifecycleRequests } from './lifecycle';
import { memoryRequests } from './memory';
import { stackRequests } from './stack';
import { variableRequests } from './variables';

/** The handler table of the session. */
export const allRequests: RequestTable = {
  ...lifecycleRequests,
  ...breakpointRequests,
  ...executionRequests,
  ...stackRequests,
  ...variableRequests,
  ...expressionRequests,
  ...memoryRequests,
  ...customRequests,
};
