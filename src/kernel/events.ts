// The kernel's typed event stream: every decision the kernel takes about processes and memory,
// stamped with the retired-instruction count, the process and its rip. The CLI tracer, the
// debugger's VM breakpoints and the views all consume this one stream.
import { SNAPSHOT_IMMUTABLE_ITEMS, SNAPSHOT_KEEP } from './snapshot-hooks';

/** How the kernel resolved a page fault. */
export type FaultResolution =
  | 'lazy-anon' // first touch of an anonymous (bss/stack-less) page: zero-filled frame
  | 'lazy-file' // first touch of a file-backed page (executable segment or mmap): read from the file
  | 'stack-growth' // a new stack page below the current stack
  | 'swap-in' // the page came back from its swap slot
  | 'file-reload' // an evicted file-backed page was read again from its file
  | 'cow-copy' // a write to a shared copy-on-write frame: copied
  | 'cow-reuse' // a write to a copy-on-write frame this process was the last sharer of
  | 'invalid'; // no valid page: the process is killed

/** Fields every event carries. */
export interface EventStamp {
  /** sequence number, from 1, in emission order */
  seq: number;
  /** retired instructions of the machine when the event happened */
  icount: number;
  /** process the event concerns (0 for the kernel itself) */
  pid: number;
  /** user rip of that process at the time (its current instruction) */
  rip: number;
}

export type KernelEventBody =
  | {
      kind: 'page-fault';
      addr: number;
      write: boolean;
      user: boolean;
      present: boolean;
      fetch: boolean;
      errorCode: number;
      rsp: number;
      resolution: FaultResolution;
      /** page kind after resolution, or the reason of an invalid access */
      detail: string;
      frame?: number;
    }
  | { kind: 'eviction'; victimPid: number; page: number; frame: number; policy: string; handTravel: number; pageKind: string; dirty: boolean }
  | { kind: 'swap-out'; page: number; frame: number; slot: number; sharers: number }
  | { kind: 'swap-in'; page: number; frame: number; slot: number }
  | { kind: 'write-back'; page: number; frame: number; file: string; offset: number; bytes: number }
  | { kind: 'mmap'; addr: number; length: number; fd: number; offset: number; writable: boolean; file: string }
  | { kind: 'munmap'; addr: number; length: number; pagesWrittenBack: number }
  | { kind: 'frame-alloc'; frame: number; page: number }
  | { kind: 'frame-free'; frame: number; page: number }
  | { kind: 'cow-share'; pages: number; childPid: number }
  | { kind: 'process-start'; name: string; cmdline: string; parentPid: number }
  | { kind: 'fork'; childPid: number; childName: string }
  | { kind: 'exec'; cmdline: string; ok: boolean }
  | { kind: 'exit'; status: number; name: string; killed: boolean; reason?: string }
  | { kind: 'syscall'; nr: number; name: string; args: number[] };

/** A kernel event: a body plus its stamp. */
export type KernelEvent = EventStamp & KernelEventBody;
export type KernelEventKind = KernelEventBody['kind'];

/** A listener may return true to ask the runner to stop after this event (debugger breakpoints). */
export type EventListener = (event: KernelEvent) => boolean | void;

/** Fan-out of kernel events to listeners, with a bounded history of recent events. */
export class EventBus {
  private readonly listeners: EventListener[] = [];
  private nextSeq = 1;
  /** Set when a listener asked to stop; the runner clears it. */
  stopRequested = false;
  /** ring buffer of the most recent events; `historyNext` is where the next one goes */
  private readonly history: KernelEvent[] = [];
  private historyNext = 0;

  constructor(
    private readonly stamp: () => { icount: number; rip: number },
    readonly historyLimit = 4096,
  ) {}

  /** Adds a listener; returns a function that removes it. */
  listen(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Stamps and delivers an event about process `pid`; returns it. */
  emit(pid: number, body: KernelEventBody, rip?: number): KernelEvent {
    const s = this.stamp();
    const event = { seq: this.nextSeq++, icount: s.icount, pid, rip: rip ?? s.rip, ...body } as KernelEvent;
    if (this.history.length < this.historyLimit) this.history.push(event);
    else this.history[this.historyNext] = event;
    this.historyNext = (this.historyNext + 1) % this.historyLimit;
    for (const l of this.listeners) if (l(event) === true) this.stopRequested = true;
    return event;
  }

  /** The most recent events (at most `historyLimit`), oldest first. */
  recent(): KernelEvent[] {
    if (this.history.length < this.historyLimit) return [...this.history];
    return [...this.history.slice(this.historyNext), ...this.history.slice(0, this.historyNext)];
  }

  /** Events emitted so far. */
  get count(): number {
    return this.nextSeq - 1;
  }
}

/** The listeners are wiring (the debugger, the tracer), not kernel state: snapshots leave them alone. */
(EventBus.prototype as unknown as Record<symbol, string[]>)[SNAPSHOT_KEEP] = ['listeners'];

/** Emitted events are never changed: snapshots keep the ring's events by reference. */
(EventBus.prototype as unknown as Record<symbol, string[]>)[SNAPSHOT_IMMUTABLE_ITEMS] = ['history'];
