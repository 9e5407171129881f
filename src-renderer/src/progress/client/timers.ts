/** Injectable clock and timers, so tests can drive the client with fake time. */

/** An opaque handle from Timers.setTimeout. */
export type TimerHandle = unknown;

/** The timer functions the progress client uses. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Milliseconds on a monotonic-enough clock. */
  now(): number;
}

/** The environment's timers, looked up on each call so test fake timers installed later still apply. */
export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
  now: () => Date.now(),
};
