/** A move within one filesystem: a source whose name is free at the destination is renamed whole, at once. */
import { EntryKind, STAT_FIELDS, Stat, joinNames, type FsBackend, type FsName } from './fs-backend';
import { Errno, errnoName, isPermissionErrno } from '../../src-node/errno';
import type { OutcomeLedger } from './outcome-ledger';
import type { PlannedSource } from './source-plan';

/** What one rename moved, counted after it (the source is not walked first, so 100k files move at once). */
export function countTree(
  backend: FsBackend,
  root: number,
  name: FsName,
  kind: number,
  size: number,
): { files: number; bytes: number } {
  if (kind !== EntryKind.Dir) return { files: 1, bytes: kind === EntryKind.File ? size : 0 };
  let files = 0;
  let bytes = 0;
  const stack: FsName[][] = [[name]];
  while (stack.length > 0) {
    const parts = stack.pop() as FsName[];
    const fd = backend.openBeneath(root, joinNames(parts));
    if (fd < 0) continue;
    const listing = backend.listAt(fd);
    backend.close(fd);
    if (typeof listing === 'number') continue;
    listing.names.forEach((child, row) => {
      const entryKind = listing.stats[row * STAT_FIELDS + Stat.kind];
      if (entryKind === EntryKind.Dir) stack.push([...parts, child]);
      else if (entryKind === EntryKind.File || entryKind === EntryKind.Symlink) {
        files++;
        if (entryKind === EntryKind.File) bytes += listing.stats[row * STAT_FIELDS + Stat.size] ?? 0;
      }
    });
  }
  return { files, bytes };
}

/**
 * Rename each same-filesystem source whose name is free at the destination. Marks them `renamed`; a source
 * whose name is taken (or that sits on another mount of the filesystem) is left to the copying pass.
 */
export function renameSourcesWhole(
  backend: FsBackend,
  sources: PlannedSource[],
  sameFs: boolean[],
  candidates: boolean[],
  destRoot: { fd: number; path: string },
  ledger: OutcomeLedger,
  renamed: { source: string; destination: string }[],
  placed: (name: string) => void,
): void {
  sources.forEach((source, index) => {
    if (!sameFs[index] || !candidates[index]) return;
    // Only the very entry that was checked: another one under its name is walked and copied instead.
    const now = new Float64Array(STAT_FIELDS);
    if (
      backend.statAt(source.parentFd, source.name, now) !== 0 ||
      now[Stat.dev] !== source.stat[Stat.dev] ||
      now[Stat.ino] !== source.stat[Stat.ino]
    )
      return;
    const err = backend.renameAt(source.parentFd, source.name, destRoot.fd, source.name, true);
    if (err === Errno.EEXIST || err === Errno.ENOTEMPTY) return;
    if (err === Errno.EXDEV) {
      sameFs[index] = false;
      return;
    }
    if (err !== 0) {
      const name = errnoName(err);
      const problem = {
        path: source.path,
        code: isPermissionErrno(err) ? 'COPY_PERMISSION_ERROR' : 'COPY_IO_ERROR',
        errno: name,
        cause: `Cannot move it (${name})`,
      } as const;
      ledger.fail(problem);
      ledger.leave(problem);
      source.renamed = true;
      return;
    }
    source.renamed = true;
    const counted = countTree(
      backend,
      destRoot.fd,
      source.name,
      source.stat[Stat.kind] ?? 0,
      source.stat[Stat.size] ?? 0,
    );
    ledger.tally.entriesRenamedInPlace++;
    ledger.tally.filesRenamedInPlace += counted.files;
    ledger.tally.bytesRenamedInPlace += counted.bytes;
    renamed.push({ source: source.path, destination: `${destRoot.path}/${source.name}` });
    placed(source.name);
  });
}
