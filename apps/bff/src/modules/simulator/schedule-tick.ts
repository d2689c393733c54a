/** Runs `tick` once after `delayMs`; the returned function cancels it if it has not run yet. */
export type ScheduleTick = (tick: () => void, delayMs: number) => () => void;

/** Real timers, unref'd: a pending tick never keeps the process alive on its own. */
export const scheduleOnTimer: ScheduleTick = (tick, delayMs) => {
  const timer = setTimeout(tick, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};
