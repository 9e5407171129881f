/** What a watch job reports as a folder changes: its sequences and folder totals, and how it is watched. */
import { z } from 'zod';
import { count } from './schema-parts';
import { SequenceEntrySchema } from './jobs';

/** How the folders are watched, and how much of the tree the inotify budget allows. */
export const WatchCoverageSchema = z.object({
  /** `events`: inotify through chokidar; `polling`: folders re-read every `poll_interval_ms`. */
  mode: z.enum(['events', 'polling']),
  /** Why it polls: the filesystem type (`nfs`, `cifs`, `fuse`, …) or `forced` (WRANGLE_WATCH_POLL); else null. */
  poll_reason: z.string().nullable(),
  poll_interval_ms: count,
  /**
   * Polling only: folders polled every `poll_interval_ms` (the root and the open folders); the rest are
   * re-read every `reconcile_interval_ms`. Absent with inotify events.
   */
  folders_polled: count.optional(),
  /** How often every watched folder is re-read anyway (polling only; absent with inotify events). */
  reconcile_interval_ms: count.optional(),
  /** Folders watched (one inotify watch each in `events` mode). */
  folders_watched: count,
  /** Folders found under the root, watched or not. */
  folders_found: count,
  /** Watches this job may use: a share of fs.inotify.max_user_watches, leaving room for other programs. */
  budget: count,
  /** fs.inotify.max_user_watches, or null where it cannot be read. */
  system_limit: count.nullable(),
});
export type WatchCoverage = z.infer<typeof WatchCoverageSchema>;

/** Most folders a watch can be asked to poll at once: a tree view opens tens, not thousands. */
export const MAX_WATCH_FOCUS = 1_000;

/** Folders to poll, relative to the root ('' is the root): never absolute, never climbing out of it. */
export const WatchFocusSchema = z
  .array(
    z
      .string()
      .max(4096)
      .refine((dir) => !dir.startsWith('/') && !dir.split('/').includes('..'), {
        message: 'must be a folder relative to the watched root, without ".."',
      }),
  )
  .max(MAX_WATCH_FOCUS);
export type WatchFocus = z.infer<typeof WatchFocusSchema>;

/** One folder's own totals (its files, not its subfolders'). `dir` is relative to the root, '' for the root. */
export const WatchFolderSchema = z.object({ dir: z.string(), file_count: count, total_size: count });
export type WatchFolder = z.infer<typeof WatchFolderSchema>;

/** A sequence that changed, and when a frame of it last landed (epoch ms; null when not seen landing). */
export const WatchedSequenceSchema = z.object({
  sequence: SequenceEntrySchema,
  landed_at: z.number().nullable(),
});
export type WatchedSequence = z.infer<typeof WatchedSequenceSchema>;

/** Names a sequence that went away: its folder and pattern. */
export const SequenceKeySchema = z.object({ dir: z.string(), pattern: z.string() });
export type SequenceKey = z.infer<typeof SequenceKeySchema>;

/**
 * One coalesced batch of changes. The first one (`initial`) carries the whole state; the rest carry only what
 * changed since the one before, plus the tree's totals.
 */
export const WatchUpdateSchema = z.object({
  root: z.string(),
  initial: z.boolean(),
  coverage: WatchCoverageSchema,
  /** Totals over the watched folders. */
  file_count: count,
  total_size: count,
  sequence_count: count,
  changed: z.array(WatchedSequenceSchema),
  removed: z.array(SequenceKeySchema),
  /** Folders whose totals changed (every watched folder in the initial update). */
  folders: z.array(WatchFolderSchema),
  /** Folders that went away (or stopped being watched). */
  folders_removed: z.array(z.string()),
  emitted_at: z.number(),
});
export type WatchUpdate = z.infer<typeof WatchUpdateSchema>;
