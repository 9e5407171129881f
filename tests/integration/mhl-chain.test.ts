/**
 * Broken histories: a manifest changed after it was written, a manifest missing, an unlisted one, a
 * missing chain, malformed XML, a nested manifest that no longer matches its parent's reference, and a
 * chain changed by someone else while a generation was being written. Each must throw MhlChainError naming
 * the file and why, and leave the folder as it was.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHasher, hashBytes, loadHashing } from '../../src-workers/hashing/hasher';
import { HistoryWriter, MhlChainError, readHistory } from '../../src-workers/mhl';
import type { HistoryWriterOptions } from '../../src-workers/mhl';

const options: HistoryWriterOptions = {
  processType: 'transfer',
  formats: ['xxh64'],
  createdAt: new Date(Date.UTC(2024, 0, 1, 12, 0, 0)),
  hostname: 'test-host',
  tool: { name: 'Wrangle', version: '0.1.0' },
};

let work: string;
let counter = 0;

/** A fresh folder `Card` with files and `generations` generations written by HistoryWriter. */
async function cardWithHistory(generations: number, nested = false): Promise<string> {
  const root = join(work, `case-${++counter}`, 'Card');
  mkdirSync(join(root, 'Clips'), { recursive: true });
  writeFileSync(join(root, 'Clips', 'A001.mov'), 'clip one');
  writeFileSync(join(root, 'Sidecar.txt'), 'sidecar');
  if (nested) {
    mkdirSync(join(root, 'Roll'), { recursive: true });
    writeFileSync(join(root, 'Roll', 'B001.mov'), 'roll clip');
    const child = await HistoryWriter.open(join(root, 'Roll'), options);
    addFile(child, join(root, 'Roll'), 'B001.mov');
    await child.finish();
  }
  for (let g = 0; g < generations; g++) {
    const writer = await HistoryWriter.open(root, {
      ...options,
      createdAt: new Date(options.createdAt.getTime() + g * 3600_000),
    });
    for (const path of ['Clips/A001.mov', 'Sidecar.txt', ...(nested ? ['Roll/B001.mov'] : [])])
      addFile(writer, root, path, g === 0 ? 'original' : 'verified');
    await writer.finish();
  }
  return root;
}

function addFile(
  writer: HistoryWriter,
  root: string,
  path: string,
  action: 'original' | 'verified' = 'original',
): void {
  const data = readFileSync(join(root, path));
  writer.add({
    path,
    size: data.length,
    mtime: new Date(0),
    hashes: { xxh64: hashBytes('xxh64', data) },
    action,
  });
}

const listing = (dir: string): string[] => readdirSync(dir).sort();

/** Expect readHistory and HistoryWriter.open to fail alike, writing nothing. */
async function expectBroken(
  root: string,
  problem: string,
  file: string,
  why: RegExp,
): Promise<MhlChainError> {
  const before = listing(join(root, 'ascmhl'));
  let caught: unknown;
  try {
    await readHistory(root);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MhlChainError);
  const error = caught as MhlChainError;
  expect(error.problem).toBe(problem);
  expect(error.file).toBe(file);
  expect(error.message.startsWith(`${file}:`) || error.message.startsWith(file)).toBe(true);
  expect(error.message).toMatch(why);
  expect(error.message).toContain('Nothing was written.');
  await expect(HistoryWriter.open(root, options)).rejects.toThrow(MhlChainError);
  expect(listing(join(root, 'ascmhl'))).toEqual(before);
  return error;
}

describe('broken ASC MHL chains', () => {
  beforeAll(async () => {
    await loadHashing();
    work = mkdtempSync(join(tmpdir(), 'mhl-chain-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reads a healthy history', async () => {
    const root = await cardWithHistory(2);
    const history = await readHistory(root);
    expect(history.generations.map((g) => g.fileName)).toEqual([
      '0001_Card_2024-01-01_120000Z.mhl',
      '0002_Card_2024-01-01_130000Z.mhl',
    ]);
  });

  it('names a manifest changed after it was written (one byte flipped)', async () => {
    const root = await cardWithHistory(2);
    const file = join(root, 'ascmhl', '0002_Card_2024-01-01_130000Z.mhl');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('<hostname>') + '<hostname>'.length;
    bytes[at] = bytes[at]! ^ 0x01; // test-host → uest-host: still well-formed XML
    writeFileSync(file, bytes);
    const error = await expectBroken(
      root,
      'hash-mismatch',
      'ascmhl/0002_Card_2024-01-01_130000Z.mhl',
      /its C4 hash is c4\w+ but ascmhl_chain\.xml records c4\w+ \(the manifest was changed after it was written\)/,
    );
    expect(error.message).toMatch(/Restore/);
  });

  it('calls a changed manifest changed even when the change broke its XML', async () => {
    const root = await cardWithHistory(1);
    const file = join(root, 'ascmhl', '0001_Card_2024-01-01_120000Z.mhl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</hashlist>', '</hashlis>'));
    await expectBroken(root, 'hash-mismatch', 'ascmhl/0001_Card_2024-01-01_120000Z.mhl', /C4 hash/);
  });

  it('names a manifest the chain lists but that is gone', async () => {
    const root = await cardWithHistory(2);
    unlinkSync(join(root, 'ascmhl', '0001_Card_2024-01-01_120000Z.mhl'));
    await expectBroken(
      root,
      'missing-manifest',
      'ascmhl/0001_Card_2024-01-01_120000Z.mhl',
      /lists this manifest but the file is missing/,
    );
  });

  it('names a manifest in the folder that the chain does not list', async () => {
    const root = await cardWithHistory(1);
    cpSync(
      join(root, 'ascmhl', '0001_Card_2024-01-01_120000Z.mhl'),
      join(root, 'ascmhl', '0002_Card_2024-01-02_120000Z.mhl'),
    );
    await expectBroken(
      root,
      'unlisted-manifest',
      'ascmhl/0002_Card_2024-01-02_120000Z.mhl',
      /ascmhl_chain\.xml does not list it/,
    );
  });

  it('names a missing chain file', async () => {
    const root = await cardWithHistory(1);
    unlinkSync(join(root, 'ascmhl', 'ascmhl_chain.xml'));
    await expectBroken(root, 'missing-chain', 'ascmhl/ascmhl_chain.xml', /is missing/);
  });

  it('names a malformed manifest and its line when the chain agrees with it', async () => {
    const root = await cardWithHistory(1);
    const name = '0001_Card_2024-01-01_120000Z.mhl';
    const file = join(root, 'ascmhl', name);
    const broken = readFileSync(file, 'utf8').replace('<hostname>', '<hostname attr=>');
    writeFileSync(file, broken);
    // Re-seal the chain with the broken file's C4 so only the XML is wrong.
    const hasher = createHasher(['c4']);
    hasher.update(Buffer.from(broken));
    const chain = join(root, 'ascmhl', 'ascmhl_chain.xml');
    writeFileSync(
      chain,
      readFileSync(chain, 'utf8').replace(/<c4>c4\w+<\/c4>/, `<c4>${hasher.digest().c4}</c4>`),
    );
    const line = broken.split('\n').findIndex((l) => l.includes('<hostname attr=>')) + 1;
    await expectBroken(root, 'malformed', `ascmhl/${name}`, new RegExp(`line ${line}, column \\d+`));
  });

  it('names a malformed chain file and its line', async () => {
    const root = await cardWithHistory(1);
    const chain = join(root, 'ascmhl', 'ascmhl_chain.xml');
    writeFileSync(chain, readFileSync(chain, 'utf8').replace('</path>', '</pth>'));
    await expectBroken(root, 'malformed', 'ascmhl/ascmhl_chain.xml', /line 4, column \d+/);
  });

  it('names a nested manifest that no longer matches the reference of its parent', async () => {
    const root = await cardWithHistory(1, true);
    const history = await readHistory(root);
    expect(history.nested.map((n) => n.path)).toEqual(['Roll']);
    expect(history.generations[0]!.references.map((r) => r.path)).toEqual([
      'Roll/ascmhl/0002_Roll_2024-01-01_120000Z.mhl',
    ]);
    // Change the nested manifest and re-seal the nested chain: only the parent's reference can tell.
    const name = '0002_Roll_2024-01-01_120000Z.mhl';
    const file = join(root, 'Roll', 'ascmhl', name);
    const changed = readFileSync(file, 'utf8').replace('test-host', 'evil-host');
    writeFileSync(file, changed);
    const hasher = createHasher(['c4']);
    hasher.update(Buffer.from(changed));
    const chain = join(root, 'Roll', 'ascmhl', 'ascmhl_chain.xml');
    const entries = readFileSync(chain, 'utf8').split('<hashlist ');
    entries[2] = entries[2]!.replace(/<c4>c4\w+<\/c4>/, `<c4>${hasher.digest().c4}</c4>`);
    writeFileSync(chain, entries.join('<hashlist '));
    await expectBroken(root, 'hash-mismatch', `Roll/ascmhl/${name}`, /references it as c4\w+/);
  });

  it('names the nested history file in nested chain problems', async () => {
    const root = await cardWithHistory(1, true);
    unlinkSync(join(root, 'Roll', 'ascmhl', '0001_Roll_2024-01-01_120000Z.mhl'));
    await expectBroken(root, 'missing-manifest', 'Roll/ascmhl/0001_Roll_2024-01-01_120000Z.mhl', /missing/);
  });

  it('refuses to publish over a chain another writer changed meanwhile, leaving no temporary file', async () => {
    const root = await cardWithHistory(1);
    const first = await HistoryWriter.open(root, { ...options, createdAt: new Date(Date.UTC(2024, 0, 2)) });
    const second = await HistoryWriter.open(root, { ...options, createdAt: new Date(Date.UTC(2024, 0, 3)) });
    for (const writer of [first, second]) addFile(writer, root, 'Sidecar.txt', 'verified');
    await first.finish();
    const before = listing(join(root, 'ascmhl'));
    const error = await second.finish().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MhlChainError);
    expect((error as MhlChainError).problem).toBe('changed-meanwhile');
    expect((error as MhlChainError).message).toMatch(/^ascmhl\/ascmhl_chain\.xml: the chain changed/);
    expect(listing(join(root, 'ascmhl'))).toEqual(before);
    expect((await readHistory(root)).generations).toHaveLength(2);
  });

  it('treats an ascmhl folder with no manifests and no chain as no history', async () => {
    const root = join(work, 'empty-ascmhl');
    mkdirSync(join(root, 'ascmhl'), { recursive: true });
    writeFileSync(join(root, 'ascmhl', 'README.txt'), 'hello');
    const history = await readHistory(root);
    expect(history.exists).toBe(false);
    expect(existsSync(join(root, 'ascmhl'))).toBe(true);
  });
});
