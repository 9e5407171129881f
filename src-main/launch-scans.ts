/**
 * Scans of folders given to a launch: the first launch's command line, or a later one's ("Open with Wrangle",
 * second-instance). They start at once; the renderer is shown them as if they were dropped, but only once it
 * listens. Until its first takeStartedScans, outcomes wait here: the first launch's scans start before the
 * window has loaded, and an event sent then would be lost. No Electron here; main and the e2e harness share it.
 */
import type { StartScanOutcome } from '../src-shared/ipc-channels';

export class LaunchScans {
  /** Outcomes the renderer has not taken yet; null once it listens (events reach it from then on). */
  private waiting: StartScanOutcome[] | null = [];

  constructor(
    private readonly startScan: (paths: string[]) => Promise<StartScanOutcome[]>,
    private readonly show: (outcomes: StartScanOutcome[]) => void,
  ) {}

  /** Start scans of `folders`, then show the outcomes (a job each, or why the folder was refused). */
  async open(folders: string[]): Promise<void> {
    if (folders.length === 0) return;
    const outcomes = await this.startScan(folders);
    if (this.waiting) this.waiting.push(...outcomes);
    else this.show(outcomes);
  }

  /** The renderer listens now: what waited for it, once; later outcomes are shown as they come. */
  take(): StartScanOutcome[] {
    const waited = this.waiting ?? [];
    this.waiting = null;
    return waited;
  }
}
