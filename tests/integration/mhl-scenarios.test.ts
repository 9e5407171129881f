/**
 * Continuing the histories the ASC MHL reference implementation wrote (../shared/ascmhl/examples): each
 * scenario folder is copied to a temporary folder, read, and given a new generation that re-records the
 * recorded hashes as verified. The new generation must be numbered next, validate against the XSDs, be
 * listed in the chain with its C4, read back, keep nested histories nested, and reproduce the directory
 * hashes the reference computed (log.txt of each scenario).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_FORMATS } from '../../src-shared/hash-formats';
import type { HashFormat } from '../../src-shared/hash-formats';
import { loadHashing } from '../../src-workers/hashing/hasher';
import { HistoryWriter, readHistory } from '../../src-workers/mhl';

const SHARED = join(__dirname, '..', '..', '..', 'shared', 'ascmhl');
const EXAMPLES = join(SHARED, 'examples');
const XSD_DIR = join(SHARED, 'xsd');
const haveExamples = existsSync(EXAMPLES);
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!haveExamples)
  console.warn(`mhl-scenarios skipped: ${EXAMPLES} is missing (the shared conformance data)`);
else if (!hasXmllint)
  console.warn('mhl-scenarios: XSD validation skipped: xmllint is not installed (libxml2-utils)');

function xsdErrors(file: string): string {
  const schema = file.endsWith('ascmhl_chain.xml') ? 'ASCMHLDirectory__combined.xsd' : 'ASCMHL.xsd';
  const result = spawnSync('xmllint', ['--noout', '--schema', join(XSD_DIR, schema), file], {
    encoding: 'utf8',
  });
  return result.status === 0 ? '' : result.stderr;
}

/** Directory hashes from the scenarios' log.txt: `folder|dir|format` → [content, structure]. */
const LOGGED: Record<string, [string, string]> = {
  'A002R2EC||xxh64': ['8d02114c32e28cbe', 'f557f8ca8e5a88ef'],
  'A002R2EC|Clips|xxh64': ['4c226b42e27d7af3', '906faa843d591a9f'],
  'A002R2EC||md5': ['6fae2da9bc6dca45486cb91bfea6db70', 'be1f2eaed208efbed061845a64cacdfa'],
  'A002R2EC|Clips|md5': ['202a2d71b56b080d9b089c1f4f29a4ba', '4a739024fd19d928e9dea6bb5c480200'],
  'A003R2EC||xxh64': ['7a82373c131cf40a', '1131a950fcc55e4b'],
  'A003R2EC|Clips|xxh64': ['f2afc6434255a53d', 'a25d5ca89c95f9e2'],
  'Reels||xxh64': ['92950bc8fda076ec', '2c2ce52605558158'],
  'Reels|A002R2EC|xxh64': ['8d02114c32e28cbe', 'f557f8ca8e5a88ef'],
  'Reels|A003R2EC|xxh64': ['7a82373c131cf40a', '1131a950fcc55e4b'],
};

/** The outermost folders holding an ascmhl folder. */
function historyRoots(dir: string): string[] {
  const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  if (names.some((e) => e.name === 'ascmhl')) return [dir];
  return names.flatMap((e) => historyRoots(join(dir, e.name)));
}

/** Files on disk below root, relative, leaving out ascmhl folders. */
function diskFiles(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) return e.name === 'ascmhl' ? [] : diskFiles(root, path);
    return [path];
  });
}

const CONTINUED_AT = new Date(Date.UTC(2020, 0, 18, 10, 0, 0));

describe.skipIf(!haveExamples)('continuing the reference examples', () => {
  let work: string;
  beforeAll(async () => {
    await loadHashing();
    work = mkdtempSync(join(tmpdir(), 'mhl-scenarios-'));
    cpSync(EXAMPLES, work, { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const scenarios = haveExamples
    ? readdirSync(EXAMPLES)
        .filter((n) => n.startsWith('scenario_'))
        .sort()
    : [];
  const cases = scenarios.flatMap((scenario) =>
    historyRoots(join(EXAMPLES, scenario)).map((root) => ({ scenario, root: relative(EXAMPLES, root) })),
  );

  it.each(cases)('$root', async ({ root: relRoot }) => {
    const root = join(work, relRoot);
    const before = await readHistory(root);
    expect(before.exists).toBe(true);
    const paths = before.paths().sort();
    expect(paths).toEqual(diskFiles(root).sort());
    const allHistories = [{ path: '', history: before }, ...before.allNested()];

    // The formats every file has a trustworthy hash in.
    const formats = HASH_FORMATS.filter((format) =>
      paths.every((p) => before.lookup(p)?.[format] !== undefined),
    );
    expect(formats.length).toBeGreaterThan(0);
    const writer = await HistoryWriter.open(root, {
      processType: 'in-place',
      formats: [...formats],
      createdAt: CONTINUED_AT,
      hostname: 'test-host',
      tool: { name: 'Wrangle', version: '0.1.0' },
    });
    for (const path of [...paths].reverse()) {
      const stats = statSync(join(root, path));
      writer.add({
        path,
        size: stats.size,
        mtime: stats.mtime,
        hashes: before.lookup(path)!,
        action: 'verified',
      });
    }
    const { manifests } = await writer.finish();

    // One new manifest per history, nested ones first, each numbered next.
    expect(manifests).toHaveLength(allHistories.length);
    expect(manifests[manifests.length - 1]!.startsWith(join(root, 'ascmhl'))).toBe(true);
    for (const { path, history } of allHistories) {
      const folder = path === '' ? root.split('/').pop()! : path.split('/').pop()!;
      const expected = `${String(history.lastGeneration + 1).padStart(4, '0')}_${folder}_2020-01-18_100000Z.mhl`;
      expect(manifests).toContain(join(root, path, 'ascmhl', expected));
    }
    if (hasXmllint)
      for (const manifest of manifests) {
        expect(xsdErrors(manifest)).toBe('');
        expect(xsdErrors(join(manifest, '..', 'ascmhl_chain.xml'))).toBe('');
      }

    // Read back: the chain checks pass (readHistory verifies every C4), nothing lost, nested still nested.
    const after = await readHistory(root);
    expect(after.generations).toHaveLength(before.generations.length + 1);
    expect(after.generations.map((g) => g.number)).toEqual([
      ...before.generations.map((g) => g.number),
      before.lastGeneration + 1,
    ]);
    expect(after.chain.map((e) => e.path)).toEqual([
      ...before.chain.map((e) => e.path),
      manifests[manifests.length - 1]!.split('/').pop(),
    ]);
    expect(after.allNested().map((n) => n.path)).toEqual(before.allNested().map((n) => n.path));
    for (const nested of after.allNested()) {
      const old = before.allNested().find((n) => n.path === nested.path)!;
      expect(nested.history.generations).toHaveLength(old.history.generations.length + 1);
    }
    expect(after.paths().sort()).toEqual(paths);
    for (const path of paths) expect(after.lookup(path)).toEqual(before.lookup(path));
    const newest = after.generations[after.generations.length - 1]!;
    expect(newest.processType).toBe('in-place');
    expect(newest.fileCount).toBe(before.fileCount);
    // The parent references exactly the new generations of its direct nested histories.
    expect(newest.references.map((r) => r.path).sort()).toEqual(
      before.nested
        .map(
          (n) =>
            `${n.path}/ascmhl/${String(n.history.lastGeneration + 1).padStart(4, '0')}_${n.path.split('/').pop()}_2020-01-18_100000Z.mhl`,
        )
        .sort(),
    );

    // The directory hashes the reference implementation logged.
    const folder = root.split('/').pop()!;
    let checked = 0;
    for (const [key, [content, structure]] of Object.entries(LOGGED)) {
      const [name, dir, format] = key.split('|') as [string, string, HashFormat];
      if (name !== folder || !formats.includes(format)) continue;
      const hashes = after.directoryHash(dir);
      expect(hashes?.content[format], `${key} content`).toBe(content);
      expect(hashes?.structure[format], `${key} structure`).toBe(structure);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('makes a new parent history over nested ones (scenario_05 travel_01/Reels)', async () => {
    const root = join(work, 'fresh-Reels', 'Reels');
    cpSync(join(EXAMPLES, 'scenario_05', 'travel_01', 'Reels'), root, { recursive: true });
    const before = await readHistory(root);
    expect(before.exists).toBe(false);
    expect(before.nested.map((n) => n.path).sort()).toEqual(['A002R2EC', 'A003R2EC']);
    const writer = await HistoryWriter.open(root, {
      processType: 'transfer',
      formats: ['xxh64'],
      createdAt: CONTINUED_AT,
      hostname: 'test-host',
      tool: { name: 'Wrangle', version: '0.1.0' },
    });
    for (const path of before.paths()) {
      const stats = statSync(join(root, path));
      writer.add({
        path,
        size: stats.size,
        mtime: stats.mtime,
        hashes: before.lookup(path)!,
        action: 'verified',
      });
    }
    const { manifests } = await writer.finish();
    expect(manifests.map((m) => relative(root, m))).toEqual([
      'A002R2EC/ascmhl/0002_A002R2EC_2020-01-18_100000Z.mhl',
      'A003R2EC/ascmhl/0002_A003R2EC_2020-01-18_100000Z.mhl',
      'ascmhl/0001_Reels_2020-01-18_100000Z.mhl',
    ]);
    if (hasXmllint) for (const manifest of manifests) expect(xsdErrors(manifest)).toBe('');
    const after = await readHistory(root);
    expect(after.generations).toHaveLength(1);
    expect(after.fileCount).toBe(0); // every file belongs to a nested history
    expect(after.generations[0]!.directoryCount).toBe(2);
    expect(after.directoryHash('A002R2EC')?.content.xxh64).toBe('8d02114c32e28cbe');
    expect(after.generations[0]!.references.map((r) => r.path)).toEqual(
      manifests.slice(0, 2).map((m) => relative(root, m)),
    );
    expect(after.lookupRecord('A003R2EC/Clips/A003C011_141024_R2EC.mov')).toMatchObject({
      hashes: { xxh64: '52392f79a36d6571' },
      historyPath: 'A003R2EC',
      generation: 2,
    });
  });
});
