/**
 * Quitting while copies or moves run asks first: the decision, with no Electron in sight (main wires it to
 * before-quit and the window's close, the e2e harness to its bridge).
 */
import { isTerminal, type JobInfo } from '../src-shared/jobs';
import type { QuitRequest } from '../src-shared/ipc-channels';
import type { JobManager } from './jobs/job-manager';

/** The copies and moves a quit would cancel: every one not yet ended (queued, running or paused). */
export function unfinishedTransfers(jobs: readonly JobInfo[]): JobInfo[] {
  return jobs.filter((job) => (job.kind === 'copy' || job.kind === 'move') && !isTerminal(job.state));
}

/** What the guard needs: the jobs, a way to ask the user, and the real quit. */
export interface QuitGuardDeps {
  manager: Pick<JobManager, 'listJobs' | 'cancel'>;
  /** Ask the user (main sends onQuitRequested to the renderer). */
  ask(request: QuitRequest): void;
  /** Quit for real, once the user said yes. */
  quit(): void;
}

/** One app's quit decision. */
export interface QuitGuard {
  /** A quit was asked for: true lets it go ahead now; false holds it while the user is asked. */
  request(): boolean;
  /** The user's answer: yes cancels the transfers and quits, no keeps everything running. */
  answer(confirmed: boolean): void;
}

/** A guard that lets a quit through at once unless it would cancel copies or moves. */
export function createQuitGuard({ manager, ask, quit }: QuitGuardDeps): QuitGuard {
  let confirmed = false;
  return {
    request() {
      if (confirmed) return true;
      const transfers = unfinishedTransfers(manager.listJobs()).length;
      if (transfers === 0) return true;
      ask({ transfers });
      return false;
    },
    answer(yes) {
      if (!yes || confirmed) return;
      confirmed = true;
      for (const job of unfinishedTransfers(manager.listJobs())) manager.cancel(job.batch_id);
      quit();
    },
  };
}
