// The base of the exceptions a guest causes (page faults, CPU faults): events of the guest, not
// bugs of the host, so they record no host stack trace. Capturing one cost more than the kernel's
// whole handling of a page fault.

/** An Error thrown for something the guest did; its `stack` holds only the message. */
export class GuestException extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}
