/**
 * One read of a folder's file list per batch and folder, shared by whoever needs it: the tree's loose files
 * (use-folder-files) and the frame sizes of that folder's sequences (use-frame-sizes) ask the host once.
 * A bounded cache: a folder read long ago is read again if it is needed again.
 */
import type { FolderFiles } from '../../../../src-shared/folder-files';
import { wrangle } from '../../api';

/** How many folders' lists are kept (a 10k-frame folder's list is a few hundred KB). */
const KEEP = 64;

interface Entry {
  promise: Promise<FolderFiles>;
  value?: FolderFiles;
}

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

const keyOf = (batchId: string, scanDir: number): string => `${batchId}\n${scanDir}`;

/** Folder `scanDir`'s files in batch `batchId`'s scan (one IPC call while it is kept). */
export function readFolderFiles(batchId: string, scanDir: number): Promise<FolderFiles> {
  const key = keyOf(batchId, scanDir);
  const kept = entries.get(key);
  if (kept) {
    // Most recently used last, so the oldest is dropped first.
    entries.delete(key);
    entries.set(key, kept);
    return kept.promise;
  }
  const entry: Entry = { promise: wrangle().getFolderFiles(batchId, scanDir) };
  entries.set(key, entry);
  if (entries.size > KEEP) entries.delete(entries.keys().next().value as string);
  entry.promise.then(
    (files) => {
      entry.value = files;
      for (const listener of listeners) listener();
    },
    // A failed read stays failed while kept (no retry storm); its callers say why.
    () => undefined,
  );
  return entry.promise;
}

/** The list if it has been read and is still kept; undefined otherwise. */
export function peekFolderFiles(batchId: string, scanDir: number): FolderFiles | undefined {
  return entries.get(keyOf(batchId, scanDir))?.value;
}

/** Whether a read of this folder is kept (done, failed or on its way). */
export function isFolderRequested(batchId: string, scanDir: number): boolean {
  return entries.has(keyOf(batchId, scanDir));
}

/** Called whenever a read arrives; returns the unsubscribe. */
export function subscribeFolderFiles(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
