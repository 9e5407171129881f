/** Pure helpers that turn a verify job's state and result into the words the UI shows. */
import type { JobState, Phase } from '../../../src-shared/jobs';
import type { VerifyCacheBypass, VerifyResult } from '../../../src-shared/verify';
import { countOf, formatCount } from '../../../src-shared/format';
import { runningStatusText } from '../progress/progress-labels';

/** "Verifying SHOW": the modal's title and accessible name. */
export function verifyTitle(name: string): string {
  return `Verifying ${name}`;
}

/** The modal's aria-live status for a verification. */
export function verifyStatusText(
  state: JobState,
  phase: Phase | undefined,
  error: string | undefined,
  failedCount: number,
): string {
  switch (state) {
    case 'queued':
      return 'Waiting in queue…';
    case 'running':
      return runningStatusText(phase, 'Verifying…');
    case 'completed':
      return failedCount > 0 ? `Completed: ${problemsText(failedCount)}` : 'Completed: every file verified';
    case 'failed':
      return `Failed: ${error ?? 'unknown error'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** "3 problems found" / "1 problem found". */
export function problemsText(count: number): string {
  return `${countOf(count, 'problem')} found`;
}

/** The jobs panel's accessible state: "verifying 42%", "verify completed with 3 problems", … */
export function verifyStateLabel(
  state: JobState,
  phase: Phase | undefined,
  percent: number,
  failed: number,
): string {
  if (state === 'running') return phase === 'preparing' ? 'verify — counting files' : `verifying ${percent}%`;
  if (state === 'completed' && failed > 0) return `verify completed with ${countOf(failed, 'problem')}`;
  return `verify ${state}`;
}

/** A job row's badge: "verifying", "verified", "3 problems" (amber), "failed", … */
export function verifyBadgeText(state: JobState, failed: number): string {
  if (state === 'running') return 'verifying';
  if (state === 'completed') return failed > 0 ? countOf(failed, 'problem') : 'verified';
  return state;
}

/** Where the expected hashes came from, in words. */
export function sourceOfTruthText(result: Pick<VerifyResult, 'source' | 'source_files'>): string {
  const files = result.source_files.length;
  if (result.source === 'ascmhl')
    return files > 0 ? `ASC MHL history (${countOf(files, 'manifest')})` : 'ASC MHL history';
  return files === 1 ? 'Checksum file' : `Checksum files (${formatCount(files)})`;
}

/** How the files were read, in plain words; `caution` when the check may have read memory. */
export function verifyReadText(bypass: VerifyCacheBypass): { text: string; caution: boolean } {
  switch (bypass) {
    case 'held':
      return { text: 'Read from storage', caution: false };
    case 'partly':
      return {
        text: 'Read from storage, but for some files the system may have served memory',
        caution: true,
      };
    case 'not_held':
      return { text: 'Read, but the system may have served it from memory', caution: true };
    case 'not_verified':
      return { text: 'Nothing was read', caution: false };
  }
}

/** Whether "Record verification" is worth offering: a clean check of a history not recorded yet. */
export function canRecord(state: JobState, result: VerifyResult | null | undefined): boolean {
  return (
    state === 'completed' &&
    !!result &&
    !result.record &&
    result.source === 'ascmhl' &&
    result.failed_count === 0
  );
}

/** "Folder hashes: 12 checked, all matching" / "… 2 differ (1 explained by changed files)"; null when none. */
export function directoryHashText(result: Pick<VerifyResult, 'directory_hashes'>): string | null {
  const check = result.directory_hashes;
  if (!check || check.checked === 0) return null;
  const differ = check.checked - check.matching;
  if (differ === 0) return `Folder hashes: ${formatCount(check.checked)} checked, all matching`;
  const explained =
    check.explained > 0 ? ` (${formatCount(check.explained)} explained by the files above)` : '';
  return `Folder hashes: ${formatCount(check.checked)} checked, ${formatCount(differ)} differ${explained}`;
}
