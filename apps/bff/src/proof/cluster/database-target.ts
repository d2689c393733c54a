/** When a fault phase broke the database and when a primary component (or the server) was back. */
export interface PhaseTimes {
  name: string;
  faultAt: number;
  /** The database could take writes again: a primary component formed, or the server answered. */
  restoredAt: number;
  /** Every node back in sync (or the single server up): the phase is over. */
  settledAt: number;
  note: string;
}

export interface FaultPhase {
  name: string;
  run(log: (line: string) => void): Promise<PhaseTimes>;
}

/**
 * What the proof runs against: a three-node Galera cluster or one server. The driver knows only
 * this shape, so both runs take the same code path in the BFFs, workers and checks.
 */
export interface DatabaseTarget {
  /** One line on how the processes are attached. */
  layout: string;
  /** Server URLs (no database) for BFF 1, BFF 2, worker 1, worker 2. */
  bffServers: [string, string];
  workerServers: [string, string];
  /** Server URLs to inspect from, in order of preference; the first that answers is used. */
  inspectServers: string[];
  phases: FaultPhase[];
  stop(): Promise<void>;
}
