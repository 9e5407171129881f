/**
 * The preparing phase of a transfer: open every source and the destination, learn the destination's
 * precision and publishing, count (planSources), check the space, and only then create the destination
 * and do the whole renames of a same-filesystem move. Nothing is written before the space check passes.
 */
import { basename, dirname } from 'node:path';
import { Errno, errnoName, isNoSpaceErrno } from '../../src-node/errno';
import type { TransferJobSpec } from '../../src-shared/worker-protocol';
import type { PreflightResult } from '../../src-node/preflight/transfer-preflight';
import { JobError } from '../../src-node/job-error';
import { DestIndex } from './dest-index';
import { STAT_FIELDS, Stat, type FsBackend } from './fs-backend';
import { renameSourcesWhole } from './move-renames';
import type { OutcomeLedger } from './outcome-ledger';
import { readRetryFilter, type RetryFilter } from './retry-filter';
import { FolderList, planSources, type PlanTotals, type PlannedSource } from './source-plan';
import { checkSpace } from './space-check';

/** Modified times closer than this always count as equal: tools that set times with utimes keep microseconds. */
const MIN_WINDOW_NS = 1000;
/** Node's fs sets times from a double: the fallback engine keeps them to a few microseconds. */
const NODE_WINDOW_NS = 10_000;

/** What the preparing phase needs from the job. */
export interface SetupContext {
  spec: TransferJobSpec;
  checked: PreflightResult;
  backend: FsBackend;
  ledger: OutcomeLedger;
  renamedWhole: { source: string; destination: string }[];
  /** Between folders while counting: progress, pause and cancel. */
  checkpoint(partial: PlanTotals): Promise<void>;
}

/** Everything the copying pass starts from. */
export interface Setup {
  sources: PlannedSource[];
  folders: FolderList;
  dest: DestIndex;
  /** Every destination, `dest` first. */
  dests: DestIndex[];
  totals: PlanTotals;
  /** The destination filesystem's time precision (ns), for "same modified time". */
  windowNs: number;
  /** Files can be published as unnamed O_TMPFILEs linked into place. */
  tmpfile: boolean;
  /** Per source: a move within the destination's filesystem. */
  sameFs: boolean[];
  filter: RetryFilter | null;
}

/** Open each source's parent folder, and stat the source in it. */
function openSources({ checked, backend }: SetupContext): PlannedSource[] {
  return checked.sources.map((source, index) => {
    const parentFd = backend.openPath(dirname(source.path));
    const stat = new Float64Array(STAT_FIELDS);
    if (parentFd < 0 || backend.statAt(parentFd, source.name, stat) !== 0) {
      throw new JobError(
        `The source ${source.path} cannot be opened any more (${errnoName(-parentFd)}).`,
        'SOURCE_NOT_FOUND',
      );
    }
    return { index, path: source.path, name: source.name, parentFd, stat, row: -1, renamed: false };
  });
}

/** Create the destination (and its parents, when asked for) and open it for the job. */
function openDestination(
  context: SetupContext,
  existingFd: number,
  existingPath: string,
  toCreate: readonly string[],
): DestIndex {
  const { backend, ledger } = context;
  let parentFd = existingFd;
  let path = existingPath;
  for (const folder of toCreate) {
    const err = backend.mkdirAt(parentFd, basename(folder), 0o777);
    if (err !== 0 && err !== Errno.EEXIST) {
      throw new JobError(
        `Cannot create the destination ${folder} (${errnoName(err)}).`,
        isNoSpaceErrno(err) ? 'NO_SPACE' : 'COPY_IO_ERROR',
      );
    }
    const fd = backend.openBeneath(parentFd, basename(folder));
    if (parentFd !== existingFd) backend.close(parentFd);
    if (fd < 0) {
      throw new JobError(
        `Cannot open the destination ${folder} (${errnoName(-fd)}): something other than a folder is there.`,
        'DESTINATION_NOT_A_FOLDER',
      );
    }
    parentFd = fd;
    path = folder;
  }
  const rootFd = parentFd === existingFd ? backend.openBeneath(existingFd, '') : parentFd;
  return new DestIndex(backend, rootFd, path, ledger);
}

/**
 * The destinations beyond the first: each checked for space and time precision, then created and opened.
 * On error the ones opened so far are closed again.
 */
function openExtraDestinations(
  context: SetupContext,
  totals: PlanTotals,
): { dest: DestIndex; windowNs: number; tmpfile: boolean }[] {
  const { backend, checked, spec } = context;
  const opened: { dest: DestIndex; windowNs: number; tmpfile: boolean }[] = [];
  try {
    for (const extra of checked.destinations.slice(1)) {
      const existingPath = extra.destinationExists
        ? extra.destination
        : dirname(extra.toCreate[0] ?? extra.destination);
      const fd = backend.openPath(existingPath);
      if (fd < 0)
        throw new JobError(
          `The destination ${existingPath} cannot be opened (${errnoName(-fd)}).`,
          'NOT_A_DIRECTORY',
        );
      try {
        const probed = backend.probeTimes(fd);
        const windowNs = Math.max(MIN_WINDOW_NS, probed > 0 ? probed : 1e9);
        const tmpfile = spec.publish === 'auto' && backend.tmpfileSupported(fd);
        checkSpace(backend, fd, extra.destination, spec.kind, totals);
        opened.push({ dest: openDestination(context, fd, existingPath, extra.toCreate), windowNs, tmpfile });
      } finally {
        backend.close(fd);
      }
    }
    return opened;
  } catch (error) {
    for (const { dest } of opened) backend.close(dest.rootFd);
    throw error;
  }
}

/** Run the preparing phase. On error every descriptor it opened is closed again. */
export async function setUpTransfer(context: SetupContext): Promise<Setup> {
  const { spec, checked, backend, ledger } = context;
  const sources = openSources(context);
  const folders = new FolderList();
  // The nearest folder that exists: where the destination is (or will be created).
  const existingPath = checked.destinationExists
    ? checked.destination
    : dirname(checked.toCreate[0] ?? checked.destination);
  const probeFd = backend.openPath(existingPath);
  if (probeFd < 0) {
    for (const source of sources) backend.close(source.parentFd);
    throw new JobError(
      `The destination ${existingPath} cannot be opened (${errnoName(-probeFd)}).`,
      'NOT_A_DIRECTORY',
    );
  }
  try {
    const probed = backend.probeTimes(probeFd);
    const windowNs = Math.max(
      backend.kind === 'node' ? NODE_WINDOW_NS : MIN_WINDOW_NS,
      probed > 0 ? probed : 1e9,
    );
    const tmpfile = spec.publish === 'auto' && backend.tmpfileSupported(probeFd);
    const fs = new Float64Array(6);
    const blockBytes = backend.statfs(probeFd, fs) === 0 && (fs[1] ?? 0) > 0 ? (fs[1] as number) : 4096;
    const destStat = new Float64Array(STAT_FIELDS);
    backend.fstat(probeFd, destStat);
    const move = spec.kind === 'move';
    // With several destinations a move copies to all of them, verifies, and only then removes the source.
    const several = checked.destinations.length > 1;
    const sameFs = sources.map((source) => move && !several && source.stat[Stat.dev] === destStat[Stat.dev]);
    // A same-filesystem move whose name is free at the destination is one rename: nothing to walk or count.
    const destRootFd = checked.destinationExists ? probeFd : null;
    const probe = new Float64Array(STAT_FIELDS);
    const candidates = sources.map(
      (source, index) =>
        (sameFs[index] ?? false) &&
        (destRootFd === null || backend.statAt(destRootFd, source.name, probe) !== 0),
    );
    sources.forEach((source, index) => (source.renamed = candidates[index] ?? false));
    const filter = spec.retry_report ? await readRetryFilter(spec.retry_report) : null;
    const plan = { backend, ledger, blockBytes, filter, checkpoint: context.checkpoint };
    const totals = await planSources(sources, folders, { ...plan, destRootFd });
    checkSpace(backend, probeFd, checked.destination, spec.kind, totals);
    const extras = openExtraDestinations(context, totals);

    const dest = openDestination(context, probeFd, existingPath, checked.toCreate);
    const dests = [dest, ...extras.map((extra) => extra.dest)];
    // Now the whole renames (the walk skipped them); a name taken meanwhile falls back to walking and merging.
    sources.forEach((source) => (source.renamed = false));
    renameSourcesWhole(
      backend,
      sources,
      sameFs,
      candidates,
      { fd: dest.rootFd, path: dest.rootPath },
      ledger,
      context.renamedWhole,
      (name) => dest.placedWhole(dest.root, name),
    );
    const late = sources.filter((source, index) => candidates[index] && !source.renamed);
    if (late.length > 0) {
      const more = await planSources(late, folders, { ...plan, destRootFd: dest.rootFd });
      totals.files += more.files;
      totals.bytes += more.bytes;
    }
    return {
      sources,
      folders,
      dest,
      dests,
      totals,
      windowNs: Math.max(windowNs, ...extras.map((extra) => extra.windowNs)),
      tmpfile: tmpfile && extras.every((extra) => extra.tmpfile),
      sameFs,
      filter,
    };
  } catch (error) {
    for (const source of sources) backend.close(source.parentFd);
    throw error;
  } finally {
    backend.close(probeFd);
  }
}
