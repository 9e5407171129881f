/** Builds a VFX-like benchmark tree once and reuses it: show/seqNN/shNNNN/renders/vNNN/beauty.NNNN.exr. */
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** Layout that gives `files` frames in folders of `framesPerDir`. */
function layout(files, framesPerDir) {
  const dirs = Math.ceil(files / framesPerDir);
  return { dirs, framesPerDir };
}

/**
 * Make (or reuse) a tree of exactly `files` frames. Frames are sparse files with realistic apparent sizes
 * (1–40 MB), so the tree costs inodes, not disk space.
 */
export function ensureTree(root, files, framesPerDir = 250, log = console.error) {
  const marker = join(root, '.wrangle-bench');
  const want = `${files}/${framesPerDir}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return root;
  rmSync(root, { recursive: true, force: true });
  const { dirs } = layout(files, framesPerDir);
  log(`building ${files.toLocaleString()} files in ${dirs.toLocaleString()} folders under ${root} …`);
  let made = 0;
  for (let d = 0; d < dirs && made < files; d++) {
    const seq = `seq${String(Math.floor(d / 100)).padStart(2, '0')}`;
    const shot = `sh${String(Math.floor(d / 4)).padStart(4, '0')}`;
    const dir = join(root, seq, shot, 'renders', `v${String((d % 4) + 1).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < framesPerDir && made < files; f++, made++) {
      const fd = openSync(join(dir, `beauty.${1001 + f}.exr`), 'w');
      ftruncateSync(fd, 1_000_000 + ((made * 7919) % 39_000_000));
      closeSync(fd);
    }
    if (d % 200 === 0) log(`  ${made.toLocaleString()} files`);
  }
  writeFileSync(marker, want);
  return root;
}
