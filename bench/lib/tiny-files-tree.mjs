/**
 * A tree of many tiny files for the ASC MHL copy benchmark, built once and reused: `<root>/src/CARD001/
 * D0000/f000000.dat` …, `perDir` files a folder, each 16–64 bytes of deterministic text (its own name and
 * index, padded), so every file hashes differently and a rebuild gives the same bytes. A marker file,
 * written last, holds the tree's description: a tree left half-built or built to other counts is rebuilt.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = '.wrangle-bench';
const CARD = 'CARD001';
/** Filler for the padding: printable, varied, cut to length. */
const FILLER = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:;,+=';

/** Digits needed to number `count` things (at least `min`). */
const digits = (count, min) => Math.max(min, String(Math.max(0, count - 1)).length);

/** The content of file `i`: 16 to 64 bytes, ending in a newline. */
export function fileContent(i) {
  const head = `${CARD} ${i} `;
  const length = 16 + ((i * 7919) % 49); // 16 … 64
  const padding = Math.max(0, length - head.length - 1);
  const start = i % FILLER.length;
  const fill = (FILLER + FILLER).slice(start, start + Math.min(padding, FILLER.length));
  return `${head}${fill.padEnd(padding, '#')}\n`;
}

/**
 * Make (or reuse) `<root>/src/CARD001` holding `files` files, `perDir` a folder. `fresh` rebuilds it anyway.
 * Returns `{ path, files, folders, bytes, description, builtSeconds }` (`builtSeconds` is 0 when reused).
 */
export function ensureTinyFilesTree(root, { files, perDir, fresh = false, log = console.error }) {
  const srcRoot = join(root, 'src');
  const path = join(srcRoot, CARD);
  const marker = join(srcRoot, MARKER);
  const folders = Math.ceil(files / perDir);
  const description = `${files} files of 16–64 bytes in ${folders} folders of ${perDir}`;
  let bytes = 0;
  for (let i = 0; i < files; i++) bytes += Buffer.byteLength(fileContent(i));
  const summary = { path, files, folders, bytes, description };
  if (!fresh && existsSync(path) && existsSync(marker) && readFileSync(marker, 'utf8') === description)
    return { ...summary, builtSeconds: 0 };

  const started = process.hrtime.bigint();
  rmSync(srcRoot, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  log(`building ${description} under ${path} …`);
  const folderDigits = digits(folders, 4);
  const fileDigits = digits(files, 6);
  for (let d = 0; d < folders; d++) {
    const folder = join(path, `D${String(d).padStart(folderDigits, '0')}`);
    mkdirSync(folder);
    const end = Math.min(files, (d + 1) * perDir);
    for (let i = d * perDir; i < end; i++)
      writeFileSync(join(folder, `f${String(i).padStart(fileDigits, '0')}.dat`), fileContent(i));
    if (d > 0 && d % 100 === 0) log(`  ${end.toLocaleString('en-US')} files`);
  }
  writeFileSync(marker, description);
  const builtSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`  built in ${builtSeconds.toFixed(1)} s`);
  return { ...summary, builtSeconds };
}
