/**
 * The shapes an IPC argument may take, by name. The table in ipc-channels.ts lists each method's arguments as
 * these names, so that the table itself stays free of zod: the sandboxed preload bundles the table, and zod is
 * not bundled into the preload (electron-vite externalizes dependencies there, and a sandboxed preload cannot
 * require them).
 */
import { z } from 'zod';
import { TransferRequestSchema } from './jobs';
import { VerifyRequestSchema } from './verify';
import { BatchIdSchema } from './schema-parts';
import { TransferKindSchema } from './job-kinds';
import { FolderIndexSchema } from './folder-files';
import { WatchFocusSchema } from './watch-shapes';
import { PickerPurposeSchema } from './picker-options';

/** Every argument shape, by the name the IPC table uses. A new shape is one more entry here. */
export const IpcArgShapes = {
  /** A job's id (the `batch_id` of its JobInfo). */
  batchId: BatchIdSchema,
  /** Folders to scan, each its own job. */
  scanPaths: z.array(z.string().min(1).max(4096)).min(1).max(1000),
  /** One folder (to watch). */
  folderPath: z.string().min(1).max(4096),
  transferKind: TransferKindSchema,
  transferRequest: TransferRequestSchema,
  verifyRequest: VerifyRequestSchema,
  /** A folder's position in a scan's tree (0 is the root). */
  folderIndex: FolderIndexSchema,
  /** A watch's open folders, relative to its root (at most MAX_WATCH_FOCUS). */
  watchFocus: WatchFocusSchema,
  /** What a native picker is for: its title, button and what it may pick follow from it. */
  pickerPurpose: PickerPurposeSchema,
  /** The user's yes or no (e.g. to quitting while transfers run). */
  confirmed: z.boolean(),
  /** A file or folder to show in the file manager (the handler also refuses a relative path). */
  revealPath: z.string().min(1).max(4096),
  /** Text to look for in a scan's file names (case-insensitive). */
  findQuery: z.string().min(1).max(256),
};

/** The name of an argument shape. */
export type IpcArgShape = keyof typeof IpcArgShapes;
