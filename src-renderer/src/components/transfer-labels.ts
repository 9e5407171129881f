/** Pure helpers that turn a copy or move job's state into the words the UI shows. */
import type { ConflictPolicy, JobState, Phase, TransferResult } from '../../../src-shared/jobs';
import { countOf } from '../../../src-shared/format';

/** The two transfer kinds. */
export type TransferKind = 'copy' | 'move';

/** "Copying SHOW" / "Moving SHOW": the modal's title and accessible name. */
export function transferTitle(kind: TransferKind, name: string): string {
  return `${kind === 'copy' ? 'Copying' : 'Moving'} ${name}`;
}

/** "copying" / "moving". */
export function transferVerb(kind: TransferKind): string {
  return kind === 'copy' ? 'copying' : 'moving';
}

/** True while a running job is paused between files. */
export function isPaused(state: JobState, phase: Phase | undefined): boolean {
  return state === 'running' && phase === 'paused';
}

/** The jobs panel's accessible state: "copying 42%", "copy paused 42%", "move completed", … */
export function transferStateLabel(
  kind: TransferKind,
  state: JobState,
  phase: Phase | undefined,
  percent: number,
): string {
  if (state === 'running') {
    if (phase === 'paused') return `${kind} paused ${percent}%`;
    if (phase === 'preparing') return `${transferVerb(kind)} — counting files`;
    return `${transferVerb(kind)} ${percent}%`;
  }
  return `${kind} ${state}`;
}

/** The modal's aria-live status text for a copy or move. */
export function transferStatusText(
  kind: TransferKind,
  state: JobState,
  phase: Phase | undefined,
  error: string | undefined,
): string {
  switch (state) {
    case 'queued':
      return 'Waiting in queue…';
    case 'running':
      if (phase === 'paused') return 'Paused';
      if (phase === 'preparing' || phase === 'starting' || phase === 'queued') return 'Counting files…';
      if (phase === 'finalizing') return 'Finishing…';
      return kind === 'copy' ? 'Copying…' : 'Moving…';
    case 'completed':
      return 'Completed';
    case 'failed':
      return `Failed: ${error ?? 'unknown error'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** "120.5 MB/s": a transfer's throughput. */
export function throughputText(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1_000_000).toFixed(1)} MB/s`;
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

/** Trim trailing separators so "/a/b/" and "/a/b" compare equal (a bare root stays as it is). */
function trimPath(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed || path;
}

/** Why a destination cannot take these sources (the same folder, or inside one of them), or null when it can. */
export function destinationProblem(sources: readonly string[], destination: string): string | null {
  const dest = trimPath(destination);
  for (const source of sources) {
    const src = trimPath(source);
    if (dest === src) return 'The destination is the source folder itself. Choose another folder.';
    if (dest.startsWith(`${src}/`) || dest.startsWith(`${src}\\`))
      return 'The destination is inside the source folder. Choose a folder outside it.';
  }
  return null;
}

/** The sentence a cancelled transfer's report leads with. */
export function cancelledNote(kind: TransferKind, result: TransferResult | null | undefined): string {
  const done = result ? countOf(result.files_copied, 'file') : 'The files';
  if (kind === 'copy')
    return `${done} copied before the cancel ${result?.files_copied === 1 ? 'was' : 'were'} kept; no partial file was left behind.`;
  return `${done} moved before the cancel ${result?.files_copied === 1 ? 'is' : 'are'} at the destination; the rest are still in the source.`;
}
