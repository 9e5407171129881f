/**
 * Keeping to a rate (folders a second for a scan, bytes a second for a copy), shared by scan walker threads
 * and copy threads: work is due at `epoch + done / rate`, and a thread sleeps until then in short slices, so
 * a cancel or a pause still lands within a slice.
 */

/** When `units` of work since `epochMs` are due at `perSecond` (ms on the same clock as epochMs). */
export function dueAt(epochMs: number, units: number, perSecond: number): number {
  return epochMs + (units * 1000) / perSecond;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block this thread for `ms` (a thread that keeps to a rate has nothing else to do meanwhile). */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Block until `now() >= due`, in slices of at most `sliceMs`, giving up as soon as `stop()` is true.
 * Returns false when it gave up.
 */
export function waitUntil(due: number, now: () => number, stop: () => boolean, sliceMs = 20): boolean {
  for (;;) {
    if (stop()) return false;
    const wait = due - now();
    if (wait <= 0) return true;
    sleepSync(Math.min(wait, sliceMs));
  }
}
