/** Turns job state into progress-protocol messages, for broadcast and for late subscribers. */
import type { JobInfo, ProgressSnapshot } from '../../src-shared/jobs';
import type { WatchUpdate } from '../../src-shared/watch-shapes';
import { nowIso, type ServerMessage } from '../../src-shared/progress-protocol';
import type { JobRecord } from './job-store';

/** The `progress` message for a snapshot. */
export function progressMessage(snapshot: ProgressSnapshot): ServerMessage {
  return { type: 'progress', batch_id: snapshot.batch_id, data: snapshot, timestamp: nowIso() };
}

/** The terminal message for an ended job, or undefined while it still runs. */
export function terminalMessage(record: JobRecord): ServerMessage | undefined {
  const { info, snapshot, result } = record;
  const base = { batch_id: info.batch_id, timestamp: nowIso() };
  switch (info.state) {
    case 'completed':
      return result ? { type: 'completed', ...base, data: { result, snapshot } } : undefined;
    case 'failed': {
      const failure = info.failure ?? { error: 'The job failed.', code: 'INTERNAL_ERROR' as const };
      return { type: 'failed', ...base, data: { ...failure, snapshot } };
    }
    case 'cancelled':
      return { type: 'cancelled', ...base, data: { snapshot } };
    default:
      return undefined;
  }
}

/** The `jobs_update` message for a job list. */
export function jobsMessage(jobs: JobInfo[]): ServerMessage {
  return { type: 'jobs_update', data: jobs, timestamp: nowIso() };
}

/** The `watch_update` message for a watch job's update (or its whole state, for a new subscriber). */
export function watchMessage(batchId: string, update: WatchUpdate): ServerMessage {
  return { type: 'watch_update', batch_id: batchId, data: update, timestamp: nowIso() };
}
