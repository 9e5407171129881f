/** Why a job failed, or why one entry of it did: one code per cause, shared by every process. */
import { z } from 'zod';

/** Machine-readable failure and per-entry error codes. */
export const ErrorCodeSchema = z.enum([
  'SCAN_PERMISSION_ERROR',
  'SCAN_IO_ERROR',
  'SOURCE_NOT_FOUND',
  'NOT_A_DIRECTORY',
  'NO_SPACE',
  'WORKER_CRASHED',
  'INTERRUPTED',
  'INTERNAL_ERROR',
  // Copy and move: refusals before anything is written, and per-file reasons.
  'DESTINATION_INSIDE_SOURCE',
  'SAME_PATH',
  'COPY_PERMISSION_ERROR',
  'COPY_IO_ERROR',
  'SOURCE_VANISHED',
  'VERIFY_MISMATCH',
  // Refusals before anything is written (the CLI exits 2 for these).
  'DESTINATION_PARENT_MISSING',
  'DESTINATION_NOT_A_FOLDER',
  'VIRTUAL_FILESYSTEM',
  'NAME_COLLISION',
  'INSUFFICIENT_SPACE',
  // Per-entry reasons.
  'SOURCE_CHANGED',
  'CONFLICT',
  'DESTINATION_CHANGED',
  // Verify: a folder with neither an ASC MHL history nor checksum files (refused); a history that does not
  // hold together (its chain does not match its manifests, a manifest does not parse): nothing is written.
  'NO_VERIFY_REFERENCE',
  'MHL_HISTORY_INVALID',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Codes of a copy or move refused before anything was written: bad arguments, in effect. */
export const REFUSAL_CODES: readonly ErrorCode[] = [
  'SOURCE_NOT_FOUND',
  'NOT_A_DIRECTORY',
  'DESTINATION_INSIDE_SOURCE',
  'SAME_PATH',
  'DESTINATION_PARENT_MISSING',
  'DESTINATION_NOT_A_FOLDER',
  'VIRTUAL_FILESYSTEM',
  'NAME_COLLISION',
  'INSUFFICIENT_SPACE',
  'NO_VERIFY_REFERENCE',
];
