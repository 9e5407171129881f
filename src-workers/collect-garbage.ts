/**
 * A full garbage collection between a job's phases, where the host exposed `gc` (WORKER_EXEC_ARGV): what a
 * phase left behind is returned before the next one builds its own, so the worker's memory follows what it
 * holds, not what it once held. Elsewhere (a test importing the engine) it does nothing.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
}
