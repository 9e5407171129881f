/** The offload benchmark's runs: each kind of run and its command, and the sets that alternate them. */
import { formatCount } from './copy-report.mjs';

export const ALL_HASHES = 'xxh64,md5,sha1,c4';

/**
 * The runs a set can alternate. `dests` name where each destination goes: d1 and d2 on this disk (--dir),
 * loop on the loop-mounted ext4, shm on tmpfs. `short` names the run in a ratio.
 */
export const VARIANTS = {
  one: { tool: 'wrangle', dests: ['d1'], short: 'one', label: 'wrangle copy SRC D1' },
  two: { tool: 'wrangle', dests: ['d1', 'd2'], short: 'two', label: 'wrangle copy SRC D1 --also D2' },
  'two-loop': {
    tool: 'wrangle',
    dests: ['d1', 'loop'],
    short: 'two (D2 loop ext4)',
    label: 'wrangle copy SRC D1 --also D2, D2 on a loop-mounted ext4',
  },
  'two-shm': {
    tool: 'wrangle',
    dests: ['d1', 'shm'],
    short: 'two (D2 tmpfs)',
    label: 'wrangle copy SRC D1 --also D2, D2 on /dev/shm (tmpfs)',
  },
  cp2: { tool: 'cp', dests: ['d1', 'd2'], short: 'cp -a ×2', label: 'cp -a SRC D1/ && cp -a SRC D2/' },
  'two-verify': {
    tool: 'wrangle',
    dests: ['d1', 'd2'],
    extra: ['--verify'],
    verify: true,
    short: 'two --verify',
    label: 'wrangle copy SRC D1 --also D2 --verify',
  },
  xxh64: {
    tool: 'wrangle',
    dests: ['d1', 'd2'],
    extra: ['--mhl', '--hash', 'xxh64'],
    short: 'xxh64',
    label: 'wrangle copy SRC D1 --also D2 --mhl --hash xxh64',
  },
  all4: {
    tool: 'wrangle',
    dests: ['d1', 'd2'],
    extra: ['--mhl', '--hash', ALL_HASHES],
    short: ALL_HASHES,
    label: `wrangle copy SRC D1 --also D2 --mhl --hash ${ALL_HASHES}`,
  },
};

/** The sets, in the order they run, with the runs each alternates and the ratios it reports. */
export function defineSets(options) {
  const others = options.other.map((name) => `two-${name}`);
  const big = `${options.bigFiles} × ${+options.bigMb.toFixed(1)} MB`;
  const small = `${formatCount(options.frames)} frames of ${options.frameKb.join('–')} KB`;
  const offload = {
    variants: ['one', 'two', ...others, 'cp2'],
    comparisons: [['two', 'one', 1.3], ...others.map((name) => [name, 'one', 1.3]), ['two', 'cp2']],
  };
  return [
    { name: 'big', source: 'big', label: big, ...offload },
    { name: 'small', source: 'frames', label: small, ...offload },
    {
      name: 'verify',
      source: 'big',
      label: `${big}, --verify`,
      variants: ['two', 'two-verify'],
      comparisons: [['two-verify', 'two']],
    },
    {
      name: 'hash',
      source: 'big',
      label: `${big}, --mhl, hash formats`,
      variants: ['xxh64', 'all4'],
      comparisons: [['all4', 'xxh64']],
    },
  ].filter((set) => options.sets.includes(set.name));
}

/** Remove the `two-<name>` runs from every set. */
export function dropOther(sets, name) {
  for (const set of sets) {
    set.variants = set.variants.filter((variant) => variant !== `two-${name}`);
    set.comparisons = set.comparisons.filter(([a]) => a !== `two-${name}`);
  }
}

/** Command and arguments of a run, unwrapped; `cli` is the cli.cjs the wrangle runs use. */
export function commandFor(variant, source, dests, cli) {
  const { tool, extra = [] } = VARIANTS[variant];
  if (tool === 'cp') {
    // One command line for both, so its time and its I/O counts cover both copies.
    return ['sh', ['-c', 'cp -a "$1" "$2/" && cp -a "$1" "$3/"', 'sh', source, ...dests]];
  }
  const also = dests.slice(1).flatMap((dest) => ['--also', dest]);
  return [process.execPath, [cli, 'copy', source, dests[0], ...also, ...extra, '--json']];
}
