/**
 * A watch job: keeps one folder's sequences and folder totals live until it is cancelled. Changes are
 * coalesced and sent at most once per `update_interval_ms`; every watched folder is re-read each
 * `reconcile_interval_ms` anyway, since an overflowing inotify queue loses events.
 */
import { frameRules } from '../../src-shared/frame-rules';
import type { WatchJobSpec } from '../../src-shared/worker-protocol';
import { checkRoot } from '../../src-node/check-root';
import type { JobContext, JobOutcome } from '../worker-runtime';
import { networkFilesystemOf } from './network-filesystems';
import { readMaxUserWatches, watchBudget } from './watch-budget';
import { WatchSession } from './watch-session';

/** Run until cancelled; a cancel ends it as `cancelled`, with no result (a watch has no summary). */
export async function runWatch(spec: WatchJobSpec, context: JobContext): Promise<JobOutcome> {
  const root = await checkRoot(spec.root);
  const systemLimit = await readMaxUserWatches();
  const network = await networkFilesystemOf(root);
  const session = new WatchSession({
    root,
    budget: watchBudget(systemLimit, spec.max_watches),
    systemLimit,
    pollReason: spec.force_polling ? 'forced' : network,
    pollIntervalMs: spec.poll_interval_ms,
    reconcileIntervalMs: spec.reconcile_interval_ms,
    rules: frameRules(spec.sequence_extensions),
    send: (update) => context.watch(update),
    warn: (message) => process.stderr.write(`wrangle watch: ${message}\n`),
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    await session.start();
    // The host says which folders are open; a polled watch polls those (and the root) only.
    context.onWatchFocus((folders) => session.setFocus(folders));
    let lastFlush = Date.now();
    let flushTimer: NodeJS.Timeout | undefined;
    // Re-read what changed at most once per interval: a farm writing 50 frames a second sends 4 updates.
    const flush = (): void => {
      flushTimer = undefined;
      lastFlush = Date.now();
      session.flush();
    };
    const schedule = (): void => {
      if (flushTimer || !session.pending) return;
      flushTimer = setTimeout(flush, Math.max(0, lastFlush + spec.update_interval_ms - Date.now()));
    };
    timers.push(setInterval(schedule, Math.min(50, spec.update_interval_ms)));
    timers.push(setInterval(() => session.reconcile(), spec.reconcile_interval_ms));
    if (spec.force_polling || network !== null)
      timers.push(setInterval(() => session.pollHot(Date.now()), spec.poll_interval_ms));
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      else context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    clearTimeout(flushTimer);
  } finally {
    for (const timer of timers) clearInterval(timer);
    await session.close();
  }
  throw new Error('Cancelled.');
}
