/** Pure helpers for the words of each destination in a transfer's report, and of read-back and hash formats. */
import type { HashFormat } from '../../../src-shared/hash-formats';
import type { CacheBypass, DestinationSummary, JobState } from '../../../src-shared/jobs';
import { countOf, formatBytes, formatCount } from '../../../src-shared/format';
import { HASH_CHOICES } from './HashFormatPicker';

/**
 * How a destination ended: fine, some files failed, it stopped taking copies, or the job itself did not
 * complete (cancelled or failed: then nothing is called complete, and nothing is green).
 */
export type DestinationOutcome = 'ok' | 'failures' | 'stopped' | 'unfinished';

/** A destination's outcome in a job that ended in `state`: red when it stopped, amber with failures. */
export function destinationOutcome(
  destination: Pick<DestinationSummary, 'failure' | 'failed_count'>,
  state: JobState = 'completed',
): DestinationOutcome {
  if (destination.failure !== null) return 'stopped';
  if (destination.failed_count > 0) return 'failures';
  return state === 'completed' ? 'ok' : 'unfinished';
}

/** The badge of a destination: "Complete", "3 failed", "Stopped", or the job's own end ("Cancelled"). */
export function destinationBadge(
  destination: Pick<DestinationSummary, 'failure' | 'failed_count'>,
  state: JobState = 'completed',
): string {
  const outcome = destinationOutcome(destination, state);
  if (outcome === 'stopped') return 'Stopped';
  if (outcome === 'failures') return `${formatCount(destination.failed_count)} failed`;
  if (outcome === 'unfinished') return state === 'cancelled' ? 'Cancelled' : 'Not finished';
  return 'Complete';
}

/** How copies were read back, in plain words; `caution` when the read may have come from memory. */
export function cacheBypassText(bypass: CacheBypass, verify = true): { text: string; caution: boolean } {
  switch (bypass) {
    case 'held':
      return { text: 'Read back from storage', caution: false };
    case 'partly':
      return {
        text: 'Read back from storage, but for some files the system may have served it from memory',
        caution: true,
      };
    case 'not_held':
      return { text: 'Read back, but the system may have served it from memory', caution: true };
    case 'not_verified':
      return {
        text: verify ? 'Nothing was read back (nothing was copied)' : 'Not read back (verification was off)',
        caution: false,
      };
  }
}

/** "12 files · 4.5 MB". */
export function copiedText(destination: Pick<DestinationSummary, 'files_copied' | 'bytes_copied'>): string {
  return `${countOf(destination.files_copied, 'file')} · ${formatBytes(destination.bytes_copied)}`;
}

/** "2 manifests written" / "none written" (an ASC MHL history per copied top-level folder). */
export function manifestsText(count: number): string {
  return count === 0 ? 'none written' : `${countOf(count, 'manifest')} written`;
}

/** "xxh64, MD5": hash formats by the names the dialog shows. */
export function hashesText(formats: readonly HashFormat[]): string {
  return formats
    .map((format) => HASH_CHOICES.find((choice) => choice.format === format)?.label ?? format)
    .join(', ');
}
