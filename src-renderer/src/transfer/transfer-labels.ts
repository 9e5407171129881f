/** Pure helpers that turn a copy or move job's state into the words the UI shows. */
import { countOf, formatBytes, formatCount } from '../../../src-shared/format';
import { withoutRawBytes } from '../jobs/message-summary';
import type { ConflictPolicy, JobState, Phase, TransferKind, TransferResult } from '../../../src-shared/jobs';
import { completedWithFailuresText } from '../jobs/outcome';
import { runningStatusText } from '../progress/progress-labels';

/** The two transfer kinds (from the one list of job kinds). */
export type { TransferKind };

/** "Copying SHOW" / "Moving SHOW": the modal's title and accessible name. */
export function transferTitle(kind: TransferKind, name: string): string {
  return `${kind === 'copy' ? 'Copying' : 'Moving'} ${name}`;
}

/** "copying" / "moving". */
export function transferVerb(kind: TransferKind): string {
  return kind === 'copy' ? 'copying' : 'moving';
}

/** True once a running job has really paused: the engine says so only when no byte moves any more. */
export function isPaused(state: JobState, phase: Phase | undefined): boolean {
  return state === 'running' && phase === 'paused';
}

/**
 * The jobs panel's accessible state: "copying 42%", "copy paused 42%", "move completed", "copy completed with
 * 20 failures", …
 */
export function transferStateLabel(
  kind: TransferKind,
  state: JobState,
  phase: Phase | undefined,
  percent: number,
  failedCount = 0,
): string {
  if (state === 'running') {
    if (phase === 'paused') return `${kind} paused ${percent}%`;
    if (phase === 'preparing') return `${transferVerb(kind)} — counting files`;
    if (phase === 'verifying') return `${kind} verifying ${percent}%`;
    return `${transferVerb(kind)} ${percent}%`;
  }
  if (state === 'completed' && failedCount > 0)
    return `${kind} ${completedWithFailuresText(failedCount).toLowerCase()}`;
  return `${kind} ${state}`;
}

/** A job row's badge: "copying", "paused", "completed", or "20 failed" (amber) for a completion with failures. */
export function transferBadgeText(
  kind: TransferKind,
  state: JobState,
  phase: Phase | undefined,
  failedCount: number,
): string {
  if (isPaused(state, phase)) return 'paused';
  if (state === 'running') return phase === 'verifying' ? 'verifying' : transferVerb(kind);
  if (state === 'completed' && failedCount > 0) return `${formatCount(failedCount)} failed`;
  return state;
}

/** The modal's aria-live status text for a copy or move. */
export function transferStatusText(
  kind: TransferKind,
  state: JobState,
  phase: Phase | undefined,
  error: string | undefined,
  failedCount = 0,
): string {
  switch (state) {
    case 'queued':
      return 'Waiting in queue…';
    case 'running':
      if (phase === 'verifying') return 'Verifying…';
      return runningStatusText(phase, kind === 'copy' ? 'Copying…' : 'Moving…');
    case 'completed':
      return failedCount > 0 ? completedWithFailuresText(failedCount) : 'Completed';
    case 'failed':
      // Sizes as the app writes them: the engine's raw byte counts beside them are left out.
      return `Failed: ${error === undefined ? 'unknown error' : withoutRawBytes(error)}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** A pause or resume the user asked for, until the engine's snapshots show it took effect. */
export type ControlRequest = 'pause' | 'resume' | null;

/**
 * "Pausing…" from the click until the engine reports phase paused (bytes may still move until then), and
 * "Resuming…" until it reports work again; null when nothing is pending.
 */
export function pendingControlText(request: ControlRequest, paused: boolean): string | null {
  if (request === 'pause' && !paused) return 'Pausing…';
  if (request === 'resume' && paused) return 'Resuming…';
  return null;
}

/** One conflict policy as the options dialog offers it. */
export interface PolicyChoice {
  value: ConflictPolicy;
  label: string;
  hint: string;
}

/** The conflict policies, default first. */
export const POLICY_CHOICES: readonly PolicyChoice[] = [
  {
    value: 'skip',
    label: 'Skip identical files',
    hint: 'A file already there with the same size and modified time is not copied again.',
  },
  { value: 'overwrite', label: 'Overwrite', hint: 'Replace any file of the same name at the destination.' },
  {
    value: 'rename',
    label: 'Keep both (rename)',
    hint: 'Keep the existing file and write the new one as “name (1).ext”.',
  },
  {
    value: 'newer',
    label: 'Only if newer',
    hint: 'Replace a file only when the source was modified more recently.',
  },
];

/** The sentence a cancelled transfer's report leads with. */
export function cancelledNote(kind: TransferKind, result: TransferResult | null | undefined): string {
  const count = result ? filesDone(result) : null;
  const done = count === null ? 'The files' : countOf(count, 'file');
  if (kind === 'copy')
    return `${done} copied before the cancel ${count === 1 ? 'was' : 'were'} kept; no partial file was left behind.`;
  return `${done} moved before the cancel ${count === 1 ? 'is' : 'are'} at the destination; the rest are still in the source.`;
}

/** Files that reached the destination: copied, plus (a move) those inside folders renamed into place. */
export function filesDone(result: Pick<TransferResult, 'files_copied' | 'files_renamed_in_place'>): number {
  return result.files_copied + result.files_renamed_in_place;
}

/**
 * An ended transfer's totals for the jobs panel, e.g. ["3.0 KB", "3 files moved"]: what reached the
 * destination, copied or (a move) renamed into place. None before its result is loaded.
 */
export function endedTotalsText(kind: TransferKind, result: TransferResult | undefined): string[] {
  if (!result) return [];
  const bytes = result.bytes_copied + result.bytes_renamed_in_place;
  return [
    formatBytes(bytes),
    `${countOf(filesDone(result), 'file')} ${kind === 'copy' ? 'copied' : 'moved'}`,
  ];
}
