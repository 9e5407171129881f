/** Shared worker plumbing: validates host messages, numbers outgoing ones, runs exactly one job. */
import { HostMessageSchema, type JobSpec, type WorkerMessage } from '../src-shared/worker-protocol';
import type { JobResult, WorkerProgress } from '../src-shared/jobs';
import type { WatchUpdate } from '../src-shared/watch-shapes';
import { connectToParent } from './parent-channel';
import { JobCancelled, JobError } from '../src-node/job-error';
import { PauseGate } from './pause-gate';

/** How long an orphaned worker may take to cancel its job and clean up before it exits anyway. */
const ORPHAN_GRACE_MS = 3_000;

/** What a job body gets: a way to report progress and a signal that fires on cancel. */
export interface JobContext {
  /** Send a progress snapshot. The body throttles; this sends at once. */
  progress(progress: WorkerProgress): void;
  /** Send a watch job's coalesced changes (the watch body throttles them). */
  watch(update: WatchUpdate): void;
  signal: AbortSignal;
  /** Pause and resume from the host; bodies that can stop between units of work wait on it. */
  pause: PauseGate;
  /** The folders the host asks a watch to poll, the latest first (one sent before this call included). */
  onWatchFocus(listener: (folders: string[]) => void): void;
}

/** What a job body resolves with: its final progress (100%) and result. */
export interface JobOutcome {
  progress: WorkerProgress;
  result: JobResult;
}

/** Wire a worker process to its parent and run `body` for the one `start` message it receives. */
export function runWorker<S extends JobSpec>(
  accepts: (spec: JobSpec) => spec is S,
  body: (spec: S, context: JobContext) => Promise<JobOutcome>,
): void {
  const channel = connectToParent();
  // Ctrl-C in a terminal signals the whole process group; the parent decides, and tells us with `cancel`.
  process.on('SIGINT', () => undefined);
  const abort = new AbortController();
  const pause = new PauseGate();
  let started = false;
  // A focus may come before the watch body listens: keep the latest for it.
  let focus: string[] | undefined;
  let onFocus: ((folders: string[]) => void) | undefined;
  let lastSent: Promise<void> = Promise.resolve();
  const send = (message: WorkerMessage): void => {
    lastSent = channel.send(message);
  };

  // An orphaned worker must not go on: cancel the job so it cleans up, and exit whatever happens.
  channel.onGone(() => {
    abort.abort();
    pause.resume();
    setTimeout(() => process.exit(0), ORPHAN_GRACE_MS).unref();
    if (!started) process.exit(0);
  });

  const finish = (): void => {
    // Exit only once the last message (a big result can take a while) has left the process.
    void lastSent.then(() => setImmediate(() => process.exit(0)));
  };

  channel.onMessage((raw) => {
    const parsed = HostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      send({
        type: 'failed',
        error: `Worker got an invalid message: ${parsed.error.message}`,
        code: 'INTERNAL_ERROR',
      });
      return finish();
    }
    const message = parsed.data;
    if (message.type === 'pause') return pause.pause();
    if (message.type === 'resume') return pause.resume();
    if (message.type === 'watch_focus') {
      focus = message.folders;
      return onFocus?.(focus);
    }
    if (message.type === 'cancel') {
      abort.abort();
      if (!started) {
        send({ type: 'cancelled' });
        finish();
      }
      return;
    }
    if (started || !accepts(message.spec)) {
      send({
        type: 'failed',
        error: `Worker cannot run a ${message.spec.kind} job here.`,
        code: 'INTERNAL_ERROR',
      });
      return finish();
    }
    started = true;
    const context: JobContext = {
      progress: (progress) => send({ type: 'progress', progress }),
      watch: (update) => send({ type: 'watch', update }),
      signal: abort.signal,
      pause,
      onWatchFocus: (listener) => {
        onFocus = listener;
        if (focus) listener(focus);
      },
    };
    body(message.spec, context)
      .then(({ progress, result }) => {
        if (abort.signal.aborted) return send({ type: 'cancelled', result });
        send({ type: 'completed', progress, result });
      })
      .catch((error: unknown) => {
        const partial =
          error instanceof JobError || error instanceof JobCancelled ? error.partial : undefined;
        if (abort.signal.aborted) return send({ type: 'cancelled', ...(partial ? { result: partial } : {}) });
        const code = error instanceof JobError ? error.code : 'INTERNAL_ERROR';
        const text = error instanceof Error ? error.message : String(error);
        send({ type: 'failed', error: text, code, ...(partial ? { result: partial } : {}) });
      })
      .finally(finish);
  });
  send({ type: 'ready' });
}
