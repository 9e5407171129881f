/** Lets a job stop between units of work while paused, and go on when resumed (or give up when cancelled). */

/** The pause state a job body sees. */
export class PauseGate {
  private waiting: (() => void)[] = [];
  private isPaused = false;
  private readonly listeners: ((paused: boolean) => void)[] = [];

  /** True between pause() and resume(). */
  get paused(): boolean {
    return this.isPaused;
  }

  pause(): void {
    if (this.isPaused) return;
    this.isPaused = true;
    for (const listener of this.listeners) listener(true);
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
    for (const listener of this.listeners) listener(false);
  }

  /** Be told when the job is paused or resumed (to report it). */
  onChange(listener: (paused: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves at once when running; while paused, when resumed or when `signal` aborts. */
  wait(signal: AbortSignal): Promise<void> {
    if (!this.isPaused || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiting.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
