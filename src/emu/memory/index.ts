// The memory subsystem's public surface: the contract, the memory system, physical memory,
// the page-table format and functions, and snapshot handles.

export * from './contract';
export { MemorySystem } from './memory-system';
export type { MemorySystemOptions } from './memory-system';
export type { PeekResult, VirtualRead, VirtualFault } from './virtual-access';
export { PhysicalMemory, PAGE_SIZE, PAGE_SHIFT, PAGE_MASK, MAX_RAM_BYTES } from './physical-memory';
export * from './pte';
export { walk, mapPage, unmapPage, lookupPage, readPte, writePte, updatePte, tablePagesBelow } from './page-table';
export type { AllocTablePage } from './page-table';
export { describeWalk, enumerateMappings } from './page-table-inspect';
export type { WalkLevel, WalkDescription, Mapping, EnumerateOptions } from './page-table-inspect';
export type { SnapshotHandle, RestoreResult } from './snapshot';
