/**
 * The ProgressServer's view of the JobManager: its events as progress-protocol messages, and the message that
 * brings a late subscriber up to date. The manager itself speaks only of records and snapshots.
 */
import { EventEmitter } from 'node:events';
import type { ServerMessage } from '../../src-shared/progress-protocol';
import type { ProgressFeed } from '../progress/progress-server';
import type { JobManager } from './job-manager';
import { jobsMessage, progressMessage, terminalMessage, watchMessage } from './job-messages';
import { WatchStates } from './watch-states';

interface JobProgressFeedEvents {
  /** Every message the progress server should publish, in the order the jobs changed. */
  message: [ServerMessage];
}

export class JobProgressFeed extends EventEmitter<JobProgressFeedEvents> implements ProgressFeed {
  constructor(
    private readonly manager: JobManager,
    private readonly watches: WatchStates = new WatchStates(manager),
  ) {
    super();
    manager.on('progress', (snapshot) => this.emit('message', progressMessage(snapshot)));
    manager.on('watch', (batchId, update) => this.emit('message', watchMessage(batchId, update)));
    manager.on('ended', (record) => {
      const message = terminalMessage(record);
      if (message) this.emit('message', message);
    });
    manager.on('listChanged', () => this.emit('message', this.jobsMessage()));
  }

  /** Brings a new subscriber up to date: the job's terminal message once it has ended, else its snapshot. */
  latestMessage(batchId: string): ServerMessage | undefined {
    const record = this.manager.getRecord(batchId);
    if (!record) return undefined;
    return terminalMessage(record) ?? progressMessage(record.snapshot);
  }

  /** A running watch's whole state, sent to a new subscriber after its latest message; else undefined. */
  watchMessage(batchId: string): ServerMessage | undefined {
    const whole = this.watches.whole(batchId);
    return whole ? watchMessage(batchId, whole) : undefined;
  }

  /** The current job list. */
  jobsMessage(): ServerMessage {
    return jobsMessage(this.manager.listJobs());
  }
}
