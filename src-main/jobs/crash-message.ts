/** What to tell people when a worker died mid-job: what the job record knows it had done, never a guess. */
import { countOf, formatBytes } from '../../src-shared/format';
import type { JobRecord } from './job-store';
import type { WorkerExit, WorkerGoneReason } from './worker-host';

/** What each reason Electron gives for a gone process means, in words; the reason itself follows in brackets. */
const GONE_REASONS: Record<WorkerGoneReason, string> = {
  'clean-exit': 'exited',
  'abnormal-exit': 'exited abnormally',
  killed: 'was killed',
  crashed: 'crashed',
  oom: 'ran out of memory',
  'launch-failed': 'could not be started',
  'integrity-failure': 'failed a code integrity check',
  'memory-eviction': 'was ended to free memory',
};

/** How the process ended: Electron's reason when there is one, else the signal or exit code. */
function howItEnded(exit: WorkerExit): string {
  if (exit.reason) return `${GONE_REASONS[exit.reason]} (${exit.reason}, exit code ${exit.code})`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** The failure message for a worker that ended without finishing its job. */
export function crashMessage(record: JobRecord, exit: WorkerExit): string {
  const { info, snapshot } = record;
  const how = howItEnded(exit);
  const head = `The ${info.kind} worker for ${info.root} ${how} before finishing.`;
  // A scan only reads.
  if (info.kind === 'watch')
    return `${head} It only read the folder; nothing was changed on disk. Start the watch again.`;
  if (info.kind === 'scan') return `${head} Nothing was changed on disk; run the scan again.`;
  // A verification only reads, until --record writes its generation (complete, or not at all).
  if (info.kind === 'verify')
    return `${head} No file was changed and no generation was recorded; run the verification again.`;
  const tally = snapshot.tally;
  if (!tally) {
    return `${head} It had not reported any finished file yet. Files it completed are whole at the destination (never partial ones); run the job again to finish.`;
  }
  const verb = info.kind === 'move' ? 'moved' : 'copied';
  const done = tally.files_copied + tally.entries_renamed_in_place;
  const parts = [`at least ${countOf(done, 'file')} (${formatBytes(tally.bytes_copied)}) ${verb}`];
  if (tally.files_skipped > 0) parts.push(`${countOf(tally.files_skipped, 'file')} skipped as already there`);
  if (tally.files_failed > 0) parts.push(`${countOf(tally.files_failed, 'file')} failed`);
  const where =
    info.kind === 'move'
      ? 'Moved files are at the destination and gone from the source; the rest are still in the source.'
      : 'Copied files are complete at the destination; no partial file is left under a real name.';
  return `${head} Before it stopped it had ${parts.join(', ')}. ${where} Run the job again to finish.`;
}
