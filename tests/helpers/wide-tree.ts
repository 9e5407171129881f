/** A plain wide tree: `dirs` folders of `filesPerDir` files, big enough to catch a scan mid-walk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Build the tree and return what it holds. */
export function makeWideTree(
  root: string,
  dirs: number,
  filesPerDir: number,
  fileSize = 16,
): { files: number; dirs: number; bytes: number } {
  const content = Buffer.alloc(fileSize, 0x61);
  for (let d = 0; d < dirs; d++) {
    const dir = join(root, `shot_${String(d).padStart(4, '0')}`, 'renders');
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < filesPerDir; f++) writeFileSync(join(dir, `beauty.${1001 + f}.exr`), content);
  }
  return { files: dirs * filesPerDir, dirs: dirs * 2, bytes: dirs * filesPerDir * fileSize };
}
