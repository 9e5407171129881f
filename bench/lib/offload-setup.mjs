/**
 * The offload benchmark's places: where its sources, destinations and job data go, the other filesystem
 * for D2, whether a set fits, the copy of the CLI every run uses, and the clean-up after.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ensureBigSource,
  filesystemType,
  freeSpace,
  memoryAvailable,
  sameFilesystem,
} from './copy-sources.mjs';
import {
  diskFacts,
  ensureFrameSource,
  loadAverage,
  MiB,
  mountLoopExt4,
  snapshotBuild,
} from './offload-sources.mjs';
import { formatMb } from './offload-report.mjs';
import { dropOther, VARIANTS } from './offload-variants.mjs';
import { gitHead, machineSummary } from './run-facts.mjs';

const GiB = 1024 * MiB;
const log = (line) => console.error(line);

/**
 * The state of one benchmark run: its options, its folders, the CLI copy every run uses (`cli`, replaced by
 * snapshotCli) and how to unmount the loop filesystem once it is made (`unmountLoop`).
 */
export function offloadBench(options) {
  const destRoot = join(options.dir, 'dest');
  const loopMount = join(options.dir, 'other-ext4');
  return {
    options,
    dataRoot: join(options.dir, 'data'),
    destRoot,
    loopImage: join(options.dir, 'other-ext4.img'),
    loopMount,
    roots: { d1: destRoot, d2: destRoot, loop: loopMount, shm: options.shmDir },
    snapshotDir: join(options.dir, 'build'),
    cli: options.cli,
    unmountLoop: null,
  };
}

/** The source a set copies, built on first use. `allocated` estimates what one copy takes on disk. */
export function sourceFor(bench, set, sources) {
  const { options } = bench;
  if (!sources[set.source]) {
    const source =
      set.source === 'big'
        ? ensureBigSource(options.dir, options.bigFiles, options.bigMb, log)
        : ensureFrameSource(options.dir, options.frames, ...options.frameKb, log);
    source.allocated = source.bytes + source.files * 4096 + 64 * MiB;
    sources[set.source] = source;
  }
  return sources[set.source];
}

/** Why a set cannot run here (space, memory), or null. */
export function whyNot(bench, set, source) {
  const { options, loopMount } = bench;
  const count = (where) =>
    set.variants.flatMap((name) => VARIANTS[name].dests).filter((d) => where(d)).length;
  const onDisk = count((d) => d === 'd1' || d === 'd2') * source.allocated + 4 * GiB;
  const free = freeSpace(options.dir).bytes;
  if (free < onDisk)
    return `${options.dir}: ${(free / GiB).toFixed(1)} GiB free, ${(onDisk / GiB).toFixed(1)} GiB needed (try smaller sets)`;
  const onLoop = count((d) => d === 'loop') * source.allocated;
  if (onLoop && freeSpace(loopMount).bytes < onLoop) return `${loopMount} (the loop image) is too small`;
  const onShm = count((d) => d === 'shm') ? source.allocated + GiB : 0;
  if (onShm && memoryAvailable() < onShm)
    return `memory: too little for a tmpfs copy of ${formatMb(source.bytes)}`;
  return null;
}

/** Make the loop-mounted ext4 (or check /dev/shm) for the other-filesystem runs; drop what is unusable. */
export function prepareOthers(bench, sets, sources) {
  const { options, loopImage, loopMount } = bench;
  const uses = (name) => sets.some((set) => set.variants.includes(`two-${name}`));
  if (uses('shm')) {
    const mount = dirname(options.shmDir);
    if (!existsSync(mount) || sameFilesystem(options.dir, mount)) {
      log(`--other shm dropped: ${mount} is missing or on the filesystem of ${options.dir}`);
      dropOther(sets, 'shm');
    } else mkdirSync(options.shmDir, { recursive: true });
  }
  if (uses('loop')) {
    const largest = Math.max(
      ...sets
        .filter((set) => set.variants.includes('two-loop'))
        .map((set) => sourceFor(bench, set, sources).allocated),
    );
    // One round's copy at a time; ext4 keeps 5% for root and some for its metadata.
    const bytes = Math.ceil((largest * 1.15 + 512 * MiB) / MiB) * MiB;
    try {
      if (freeSpace(options.dir).bytes < bytes + 4 * GiB)
        throw new Error(`too little space for ${formatMb(bytes)}`);
      bench.unmountLoop = mountLoopExt4(loopImage, loopMount, bytes);
      log(`made ${loopMount}: ext4 in a ${formatMb(bytes)} sparse image (${loopImage}), loop-mounted`);
    } catch (error) {
      log(`--other loop dropped: ${error.message}`);
      dropOther(sets, 'loop');
    }
  }
}

/**
 * Copy the CLI aside and check the copy runs a tiny copy (the warm-up); a rebuild under way in the shared
 * tree can leave out/ or the addon missing or half-written for a while, so wait and try again.
 */
export async function snapshotCli(bench, warmUp) {
  for (let attempt = 1; ; attempt++) {
    try {
      bench.cli = snapshotBuild(bench.options.cli, bench.snapshotDir);
      await warmUp();
      return;
    } catch (error) {
      if (attempt === 8) throw error;
      log(
        `the build at ${bench.options.cli} does not run yet (${error.message.split('\n')[0]}); again in 15 s`,
      );
      await sleep(15_000);
    }
  }
}

/** Lines about the machine, the disk and the code under test. */
export function machineLines(bench) {
  const { options, cli, loopMount } = bench;
  const lines = [
    `${machineSummary()}, load average ${loadAverage()} at the start; cli ${options.cli} (${gitHead(options.cli)}), copied to ${cli}`,
    diskFacts(options.dir),
  ];
  if (bench.unmountLoop)
    lines.push(`${loopMount}: ext4 in a sparse image file on that same disk, loop-mounted`);
  if (existsSync(options.shmDir)) lines.push(`${options.shmDir}: ${filesystemType(options.shmDir)} (memory)`);
  return lines;
}

/** Unmount the loop filesystem and delete everything this run made except the reusable sources. */
export function cleanUp(bench) {
  const { options, destRoot, dataRoot, snapshotDir, loopMount, loopImage } = bench;
  for (const path of [destRoot, dataRoot, join(options.dir, 'warm'), snapshotDir, options.shmDir])
    rmSync(path, { recursive: true, force: true });
  if (bench.unmountLoop && !bench.unmountLoop())
    log(`could not unmount ${loopMount}: umount it, then delete ${loopImage}`);
  bench.unmountLoop = null;
}
