/** Writing ASC MHL histories to real folders: directory hashes, XSD validity, escaping, any record order. */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HashFormat } from '../../src-shared/hash-formats';
import { createHasher, loadHashing } from '../../src-workers/hashing/hasher';
import { HistoryWriter, MhlRecordError, readHistory } from '../../src-workers/mhl';
import type { HistoryWriterOptions } from '../../src-workers/mhl';

const XSD_DIR = join(__dirname, '..', '..', '..', 'shared', 'ascmhl', 'xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const canValidate = hasXmllint && existsSync(join(XSD_DIR, 'ASCMHL.xsd'));
if (!canValidate)
  console.warn(
    `mhl-write: XSD validation skipped: ${hasXmllint ? `${XSD_DIR} is missing` : 'xmllint is not installed (apt-get install libxml2-utils)'}`,
  );

/** xmllint's verdict on a manifest or chain file ('' when valid). */
function xsdErrors(file: string): string {
  const schema = file.endsWith('ascmhl_chain.xml') ? 'ASCMHLDirectory__combined.xsd' : 'ASCMHL.xsd';
  const result = spawnSync('xmllint', ['--noout', '--schema', join(XSD_DIR, schema), file], {
    encoding: 'utf8',
  });
  return result.status === 0 ? '' : result.stderr;
}

const CREATED = new Date(Date.UTC(2020, 0, 16, 9, 15, 0));
const options = (
  formats: HashFormat[] = ['xxh64'],
  more: Partial<HistoryWriterOptions> = {},
): HistoryWriterOptions => ({
  processType: 'transfer',
  formats,
  createdAt: CREATED,
  hostname: 'test-host',
  tool: { name: 'Wrangle', version: '0.1.0' },
  ...more,
});

function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mhl-write-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function hashFile(path: string, formats: HashFormat[]) {
  const hasher = createHasher(formats);
  hasher.update(readFileSync(path));
  return hasher.digest();
}

/** Add every file under `root` (not the ascmhl folders) to a writer. */
function addAll(
  writer: HistoryWriter,
  root: string,
  files: string[],
  formats: HashFormat[],
  action: 'original' | 'verified' = 'original',
): void {
  for (const path of files) {
    const stats = statSync(join(root, path));
    writer.add({
      path,
      size: stats.size,
      mtime: stats.mtime,
      hashes: hashFile(join(root, path), formats),
      action,
    });
  }
}

describe('HistoryWriter', () => {
  const roots: string[] = [];
  beforeAll(() => loadHashing());
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('computes the reference directory hashes (Stuff.txt, A/A1.txt in xxh64)', async () => {
    const root = makeTree({ 'Stuff.txt': 'stuff\n', 'A/A1.txt': 'A1\n' });
    roots.push(root);
    const writer = await HistoryWriter.open(root, options());
    addAll(writer, root, ['Stuff.txt', 'A/A1.txt'], ['xxh64']);
    const { manifests } = await writer.finish();
    expect(manifests).toHaveLength(1);
    const name = manifests[0]!.split('/').pop()!;
    expect(name).toMatch(/^0001_mhl-write-.+_2020-01-16_091500Z\.mhl$/);
    const history = await readHistory(root);
    expect(history.directoryHash('A')).toMatchObject({
      content: { xxh64: 'd3904ee76bba3d2a' },
      structure: { xxh64: '3fbe33b2924e26aa' },
    });
    expect(history.directoryHash('')).toMatchObject({
      content: { xxh64: 'ca56d22f064fdf1b' },
      structure: { xxh64: '2ccca3899111eabb' },
    });
    if (canValidate) {
      expect(xsdErrors(manifests[0]!)).toBe('');
      expect(xsdErrors(join(root, 'ascmhl', 'ascmhl_chain.xml'))).toBe('');
    }
  });

  it('writes the same manifest whatever order the records come in', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++)
      files[`d${i % 4}/sub${i % 3}/f${String(i).padStart(3, '0')}.txt`] = `file ${i}\n`;
    const texts: string[] = [];
    for (const shuffle of [false, true]) {
      const root = makeTree(files);
      roots.push(root);
      const writer = await HistoryWriter.open(root, options(['md5', 'xxh64']));
      let paths = Object.keys(files).sort();
      if (shuffle)
        paths = paths
          .map((p, i) => ({ p, k: (i * 7919) % 61 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.p);
      for (const path of paths)
        writer.add({
          path,
          size: files[path]!.length,
          mtime: new Date(0),
          hashes: hashFile(join(root, path), ['md5', 'xxh64']),
          action: 'original',
        });
      const { manifests } = await writer.finish();
      // The folder name differs per temp dir; the rest must be byte-identical.
      texts.push(readFileSync(manifests[0]!, 'utf8').replace(/lastmodificationdate="[^"]*"/g, ''));
    }
    expect(texts[1]).toBe(texts[0]);
    // Post-order: a folder's subfolders, then its files, then its own directoryhash.
    const paths = [...texts[0]!.matchAll(/<path[^>]*>([^<]*)<\/path>/g)].map((m) => m[1]);
    expect(paths.slice(0, 6)).toEqual([
      'd0/sub0/f000.txt',
      'd0/sub0/f012.txt',
      'd0/sub0/f024.txt',
      'd0/sub0/f036.txt',
      'd0/sub0/f048.txt',
      'd0/sub0',
    ]);
    expect(paths[paths.length - 1]).toBe('d3');
  });

  it('escapes paths with spaces, non-ASCII and markup characters, and reads them back', async () => {
    const names = [
      'a & b.txt',
      '<tag> "quoted" \'single\'.mov',
      'Ünïcödé/日本語 ファイル.exr',
      'tab\there.txt',
      'cr\rhere.txt',
      'emoji 🎬.txt',
    ];
    const files = Object.fromEntries(names.map((n, i) => [n, `content ${i}`]));
    const root = makeTree(files);
    roots.push(root);
    const writer = await HistoryWriter.open(
      root,
      options(['xxh64'], {
        author: { name: 'Ann & <Bob>', email: 'ann@example.com', role: 'DIT "lead"' },
        location: 'Stage <1>',
        comment: 'a & b',
      }),
    );
    addAll(writer, root, names, ['xxh64']);
    const { manifests } = await writer.finish();
    const text = readFileSync(manifests[0]!, 'utf8');
    expect(text).toContain('a &amp; b.txt');
    expect(text).toContain('&lt;tag&gt; "quoted"');
    expect(text).toContain('cr&#13;here.txt');
    expect(text).toContain(
      '<author email="ann@example.com" role="DIT &quot;lead&quot;">Ann &amp; &lt;Bob&gt;</author>',
    );
    if (canValidate) expect(xsdErrors(manifests[0]!)).toBe('');
    const history = await readHistory(root);
    expect(history.paths().sort()).toEqual([...names].sort());
    for (const name of names) expect(history.lookup(name)).toEqual(hashFile(join(root, name), ['xxh64']));
    expect(history.generations[0]!.authors).toEqual([
      { name: 'Ann & <Bob>', email: 'ann@example.com', role: 'DIT "lead"' },
    ]);
    expect(history.generations[0]!.location).toBe('Stage <1>');
  });

  it('rejects records a manifest cannot hold', async () => {
    const root = makeTree({ 'a.txt': 'a' });
    roots.push(root);
    const writer = await HistoryWriter.open(root, options(['xxh64', 'md5']));
    const good = {
      path: 'a.txt',
      size: 1,
      mtime: new Date(0),
      hashes: hashFile(join(root, 'a.txt'), ['xxh64', 'md5']),
      action: 'original' as const,
    };
    expect(() => writer.add({ ...good, path: 'bad\u0001name.txt' })).toThrow(/U\+0001/);
    for (const path of ['/abs.txt', '../up.txt', 'a/./b.txt', 'a//b.txt', 'dir/', ''])
      expect(() => writer.add({ ...good, path }), path).toThrow(MhlRecordError);
    expect(() => writer.add({ ...good, hashes: { xxh64: good.hashes.xxh64 } })).toThrow(/no md5 hash/);
    expect(() => writer.add({ ...good, hashes: { ...good.hashes, xxh64: 'xyz' } })).toThrow(
      /not a xxh64 hash/,
    );
    expect(() => writer.add({ ...good, size: -1 })).toThrow(/size/);
    await writer.discard();
  });

  it('leaves out ignored files, records the patterns, and counts what it left out', async () => {
    const root = makeTree({
      'keep.mov': 'k',
      '.DS_Store': 'x',
      'Clips/.DS_Store': 'x',
      'Clips/a.RMD': 'r',
      'Clips/a.R3D': 'r3d',
    });
    roots.push(root);
    const writer = await HistoryWriter.open(root, options(['xxh64'], { ignorePatterns: ['*.RMD'] }));
    expect(writer.ignorePatterns).toEqual(['.DS_Store', 'ascmhl', 'ascmhl/', '*.RMD']);
    expect(writer.isIgnored('Clips/a.RMD', false)).toBe(true);
    expect(writer.isIgnored('Clips/a.R3D', false)).toBe(false);
    addAll(
      writer,
      root,
      ['keep.mov', '.DS_Store', 'Clips/.DS_Store', 'Clips/a.RMD', 'Clips/a.R3D'],
      ['xxh64'],
    );
    writer.add({
      path: 'ascmhl/0001_x.mhl',
      size: 1,
      mtime: new Date(0),
      hashes: { xxh64: '0000000000000000' },
      action: 'original',
    });
    const result = await writer.finish();
    expect(result).toMatchObject({ files: 2, ignored: 4 });
    const history = await readHistory(root);
    expect(history.paths().sort()).toEqual(['Clips/a.R3D', 'keep.mov']);
    expect(history.ignorePatterns).toEqual(['.DS_Store', 'ascmhl', 'ascmhl/', '*.RMD']);
  });

  it('continues a history: generations numbered on, every chain entry checked, failed hashes not trusted', async () => {
    const root = makeTree({ 'a.txt': 'one', 'b.txt': 'two' });
    roots.push(root);
    for (let g = 0; g < 3; g++) {
      const writer = await HistoryWriter.open(
        root,
        options(['xxh64'], { createdAt: new Date(CREATED.getTime() + g * 86_400_000) }),
      );
      addAll(writer, root, ['a.txt'], ['xxh64'], g === 0 ? 'original' : 'verified');
      if (g < 2) addAll(writer, root, ['b.txt'], ['xxh64'], g === 0 ? 'original' : 'verified');
      else
        writer.add({
          path: 'b.txt',
          size: 3,
          mtime: new Date(0),
          hashes: { xxh64: 'ffffffffffffffff' },
          action: 'failed',
        });
      await writer.finish();
    }
    const history = await readHistory(root);
    expect(history.generations.map((g) => [g.number, g.fileName])).toEqual([
      [1, expect.stringMatching(/^0001_.*_2020-01-16_091500Z\.mhl$/)],
      [2, expect.stringMatching(/^0002_.*_2020-01-17_091500Z\.mhl$/)],
      [3, expect.stringMatching(/^0003_.*_2020-01-18_091500Z\.mhl$/)],
    ]);
    expect(history.chain.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(history.lookup('b.txt')).toEqual(hashFile(join(root, 'b.txt'), ['xxh64']));
    expect(history.lookupRecord('b.txt')).toMatchObject({ generation: 3, lastFailed: true });
    if (canValidate) expect(xsdErrors(join(root, 'ascmhl', 'ascmhl_chain.xml'))).toBe('');
  });

  it('gives a nested history its own generation and references it from the parent', async () => {
    const root = makeTree({ 'Summary.txt': 'summary', 'A/Clips/a.mov': 'a', 'A/Sidecar.txt': 'side' });
    roots.push(root);
    const child = await HistoryWriter.open(join(root, 'A'), options());
    addAll(child, join(root, 'A'), ['Clips/a.mov', 'Sidecar.txt'], ['xxh64']);
    await child.finish();
    const writer = await HistoryWriter.open(
      root,
      options(['xxh64'], { createdAt: new Date(CREATED.getTime() + 60_000) }),
    );
    addAll(writer, root, ['A/Sidecar.txt', 'Summary.txt', 'A/Clips/a.mov'], ['xxh64'], 'verified');
    const { manifests } = await writer.finish();
    expect(manifests.map((m) => m.slice(root.length + 1))).toEqual([
      'A/ascmhl/0002_A_2020-01-16_091600Z.mhl',
      expect.stringMatching(/^ascmhl\/0001_mhl-write-\w+_2020-01-16_091600Z\.mhl$/),
    ]);
    if (canValidate) for (const m of manifests) expect(xsdErrors(m)).toBe('');
    const parentText = readFileSync(manifests[1]!, 'utf8');
    expect(parentText).not.toContain('A/Sidecar.txt'); // recorded in the nested history only
    expect(parentText).toContain('<path>A/ascmhl/0002_A_2020-01-16_091600Z.mhl</path>');
    const history = await readHistory(root);
    expect(history.lookupRecord('A/Clips/a.mov')).toMatchObject({ historyPath: 'A', generation: 2 });
    expect(history.lookup('Summary.txt')).toEqual(hashFile(join(root, 'Summary.txt'), ['xxh64']));
    expect(history.paths().sort()).toEqual(['A/Clips/a.mov', 'A/Sidecar.txt', 'Summary.txt']);
    // The parent's directory hash of A is the nested history's root hash.
    expect(history.directoryHash('A')).toEqual(history.nested[0]!.history.directoryHash(''));
  });

  it('counts empty folders in the directory hashes', async () => {
    const root = makeTree({ 'a.txt': 'a' });
    mkdirSync(join(root, 'empty'));
    roots.push(root);
    const writer = await HistoryWriter.open(root, options());
    addAll(writer, root, ['a.txt'], ['xxh64']);
    writer.addDirectory({ path: 'empty' });
    await writer.finish();
    const history = await readHistory(root);
    // xxh64 of no bytes
    expect(history.directoryHash('empty')).toMatchObject({
      content: { xxh64: 'ef46db3751d8e999' },
      structure: { xxh64: 'ef46db3751d8e999' },
    });
  });

  it('writes every format in schema order, directory hashes included', async () => {
    const formats: HashFormat[] = ['xxh64', 'c4', 'sha1', 'xxh3', 'md5', 'xxh128'];
    const root = makeTree({ 'x/a.txt': 'a', 'b.txt': 'b' });
    roots.push(root);
    const writer = await HistoryWriter.open(root, options(formats));
    addAll(writer, root, ['x/a.txt', 'b.txt'], formats);
    const { manifests } = await writer.finish();
    const text = readFileSync(manifests[0]!, 'utf8');
    const order = [
      ...text
        .split('<hash>')[1]!
        .split('</hash>')[0]!
        .matchAll(/<(c4|md5|sha1|xxh128|xxh3|xxh64) /g),
    ].map((m) => m[1]);
    expect(order).toEqual(['c4', 'md5', 'sha1', 'xxh128', 'xxh3', 'xxh64']);
    if (canValidate) expect(xsdErrors(manifests[0]!)).toBe('');
    const history = await readHistory(root);
    expect(Object.keys(history.directoryHash('x')!.content).sort()).toEqual([...formats].sort());
    expect(history.lookup('x/a.txt')).toEqual(hashFile(join(root, 'x/a.txt'), formats));
  });

  it('writes a valid manifest for an empty tree, and one without directory hashes when asked', async () => {
    const empty = makeTree({});
    roots.push(empty);
    const writer = await HistoryWriter.open(empty, options());
    const { manifests } = await writer.finish();
    if (canValidate) expect(xsdErrors(manifests[0]!)).toBe('');
    expect((await readHistory(empty)).directoryHash('')?.content.xxh64).toBe('ef46db3751d8e999');

    const root = makeTree({ 'x/a.txt': 'a' });
    roots.push(root);
    const plain = await HistoryWriter.open(
      root,
      options(['xxh64'], { directoryHashes: false, processType: 'in-place' }),
    );
    addAll(plain, root, ['x/a.txt'], ['xxh64']);
    const written = await plain.finish();
    const text = readFileSync(written.manifests[0]!, 'utf8');
    expect(text).not.toContain('directoryhash');
    expect(text).not.toContain('roothash');
    if (canValidate) expect(xsdErrors(written.manifests[0]!)).toBe('');
    expect((await readHistory(root)).lookup('x/a.txt')).toEqual(hashFile(join(root, 'x/a.txt'), ['xxh64']));
  });

  it('discard() removes the ascmhl folder it made and its temporary files', async () => {
    const root = makeTree({ 'a.txt': 'a' });
    roots.push(root);
    const writer = await HistoryWriter.open(root, options());
    addAll(writer, root, ['a.txt'], ['xxh64']);
    await writer.discard();
    expect(existsSync(join(root, 'ascmhl'))).toBe(false);
    expect(() => addAll(writer, root, ['a.txt'], ['xxh64'])).toThrow(/discarded/);
    expect(readdirSync(root)).toEqual(['a.txt']);
  });
});
