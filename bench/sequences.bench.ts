/**
 * Sequence grouping speed: 1M names in 10k folders (100 a folder: several sequences, gaps, mixed padding,
 * negative frames, versions, singles). Run: npx vitest bench --run bench/sequences.bench.ts
 * The budget is well under 200 ms per 1M names (a 1M-file scan takes ~2 s; grouping must add < 10%).
 */
import { bench, describe } from 'vitest';
import { groupSequences, type FileEntry } from '../src-shared/sequences';

const FOLDERS = 10_000;
const PER_FOLDER = 100;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const flat = (text: string): string => decoder.decode(encoder.encode(text));

function makeFolders(): FileEntry[][] {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const exts = ['.exr', '.dpx', '.png', '.jpg', '.tif'];
  const folders: FileEntry[][] = [];
  const shuffle = (files: FileEntry[]): void => {
    for (let k = files.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [files[k], files[j]] = [files[j] as FileEntry, files[k] as FileEntry];
    }
  };
  for (let d = 0; d < FOLDERS; d++) {
    const files: FileEntry[] = [];
    const shot = `sh${String(d % 400).padStart(3, '0')}0`;
    let s = 0;
    while (files.length < PER_FOLDER) {
      const kind = rand();
      if (kind < 0.1) {
        files.push({ name: `${shot}_notes_${s}.txt`, size: 1200 });
      } else if (kind < 0.15) {
        files.push({ name: `${shot}_comp_v${String(s + 1).padStart(3, '0')}.nk`, size: 40_000 });
      } else {
        const ext = exts[s % exts.length] as string;
        const padding = rand() < 0.8 ? 4 : rand() < 0.5 ? 3 : 1;
        const prefix = `${shot}_${['beauty', 'diffuse', 'spec', 'plate', 'matte'][s % 5]}_v${String(s).padStart(3, '0')}.`;
        const start = rand() < 0.05 ? -5 : 1001;
        const length = 5 + Math.floor(rand() * 40);
        for (let f = start; f < start + length && files.length < PER_FOLDER; f++) {
          if (rand() < 0.05) continue; // gap
          const digits =
            f < 0 ? `-${String(-f).padStart(padding - 1, '0')}` : String(f).padStart(padding, '0');
          files.push({
            name: `${prefix}${digits}${ext}`,
            size: rand() < 0.01 ? 0 : 8_000_000 + Math.floor(rand() * 1e6),
          });
        }
      }
      s++;
    }
    // Listed in hash order as ext4 readdir gives them; entries made in that order, with flat strings (as
    // readdir's), where template literals build ropes.
    shuffle(files);
    folders.push(files.map((file) => ({ name: flat(file.name), size: file.size })));
  }
  return folders;
}

const folders = makeFolders();
let sequences = 0;
for (const files of folders) sequences += groupSequences(files).sequences.length;
console.log(`${FOLDERS} folders, ${FOLDERS * PER_FOLDER} names, ${sequences} sequences`);

describe('groupSequences', () => {
  bench(
    '1M names in 10k folders',
    () => {
      for (const files of folders) groupSequences(files);
    },
    { iterations: 10, warmupIterations: 3 },
  );
});
