/**
 * Bounds the OTLP requests being read, decoded or stored at once. Beyond it a sender is told to
 * come back (429 with Retry-After) instead of queueing bodies in memory: OTLP senders retry.
 */
export class InFlightLimit {
  private inFlight = 0;

  constructor(readonly max: number) {}

  tryEnter(): boolean {
    if (this.inFlight >= this.max) return false;
    this.inFlight += 1;
    return true;
  }

  leave(): void {
    this.inFlight -= 1;
  }
}
