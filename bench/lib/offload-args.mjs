/** The offload benchmark's command line (bench/offload-vs-cp.mjs): its flags, their checks and --help. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI } from './measure.mjs';

const ALL_SETS = ['big', 'small', 'verify', 'hash'];
const OTHERS = ['loop', 'shm'];

/** Parsed and checked command-line options. */
export function readOffloadOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      pairs: { type: 'string', default: '3' },
      sets: { type: 'string', default: ALL_SETS.join(',') },
      other: { type: 'string', default: 'shm' },
      'big-files': { type: 'string' },
      'big-mb': { type: 'string' },
      frames: { type: 'string' },
      'frame-kb': { type: 'string', default: '50-200' },
      small: { type: 'boolean', default: false },
      dir: { type: 'string', default: '/tmp/wrangle-offload-bench' },
      'shm-dir': { type: 'string', default: '/dev/shm/wrangle-offload-bench' },
      cli: { type: 'string', default: CLI },
      timeout: { type: 'string', default: '600' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: node bench/offload-vs-cp.mjs [--pairs N] [--sets big,small,verify,hash]');
    console.log(
      '         [--other loop,shm|none] [--big-files N] [--big-mb N] [--frames N] [--frame-kb MIN-MAX]',
    );
    console.log('         [--small] [--dir PATH] [--shm-dir PATH] [--cli PATH] [--timeout S] [--json FILE]');
    process.exit(0);
  }
  const number = (name, value, min) => {
    const n = Number(value);
    if (!(n >= min) || !Number.isFinite(n)) fail(`--${name} must be a number ≥ ${min}, not ${value}`);
    return n;
  };
  const pairs = number('pairs', values.pairs, 1);
  if (!Number.isInteger(pairs)) fail(`--pairs must be a whole number, not ${values.pairs}`);
  const sets = values.sets.split(',').filter(Boolean);
  const unknownSets = sets.filter((name) => !ALL_SETS.includes(name));
  if (unknownSets.length) fail(`unknown set(s) ${unknownSets.join(', ')}; choose from ${ALL_SETS.join(',')}`);
  const other = values.other === 'none' ? [] : values.other.split(',').filter(Boolean);
  const unknownOther = other.filter((name) => !OTHERS.includes(name));
  if (unknownOther.length) fail(`--other takes loop, shm, both or none, not ${unknownOther.join(', ')}`);
  const kb = values['frame-kb'].match(/^(\d+)-(\d+)$/);
  if (!kb || Number(kb[1]) < 1 || Number(kb[2]) < Number(kb[1]))
    fail(`--frame-kb wants MIN-MAX, e.g. 50-200`);
  const cli = resolve(values.cli);
  if (!existsSync(cli)) fail(`no CLI at ${cli} (npx electron-vite build, npm run build:native)`);
  const quick = values.small;
  return {
    pairs,
    sets: ALL_SETS.filter((name) => sets.includes(name)),
    other: OTHERS.filter((name) => other.includes(name)),
    bigFiles: Math.round(number('big-files', values['big-files'] ?? 8, 1)),
    bigMb: number('big-mb', values['big-mb'] ?? (quick ? 32 : 256), 1),
    frames: Math.round(number('frames', values.frames ?? (quick ? 2000 : 20_000), 1)),
    frameKb: [Number(kb[1]), Number(kb[2])],
    dir: resolve(values.dir),
    shmDir: resolve(values['shm-dir']),
    cli,
    timeout: number('timeout', values.timeout, 1),
    json: values.json && resolve(values.json),
  };
}

/** Stop with a message. */
export function fail(message) {
  console.error(`offload-vs-cp: ${message}`);
  process.exit(2);
}
