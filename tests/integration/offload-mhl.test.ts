/**
 * `wrangle copy --mhl` through the built CLI: every copied folder gets an ASC MHL generation at every
 * destination, valid against the XSDs; the example histories written by the reference implementation are
 * continued (checked file by file against them as they are read); a source that no longer matches its
 * history is recorded as failed and reported; a broken chain stops the job before anything is written.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHashes, noise } from '../helpers/copy-trees';
import { VerifyResultSchema, type VerifyResult } from '../../src-shared/verify';
import { runCli } from '../helpers/run-cli';
import { runTransferCli } from '../helpers/transfer-cli';
import { makeTempDir } from '../helpers/trees';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'ascmhl');
const EXAMPLES = join(SHARED, 'examples');
// The XSDs come from ../shared/ascmhl: without them (or without xmllint) the schema checks are left out, and
// the other checks still run.
const canValidate = spawnSync('xmllint', ['--version']).status === 0 && existsSync(join(SHARED, 'xsd'));
const hasExamples = existsSync(EXAMPLES);

function env(dir: string): Record<string, string> {
  return { WRANGLE_DATA_DIR: join(dir, 'data') };
}

/** xmllint's verdict on `file` against the schema `xsd` (in ../shared/ascmhl/xsd). */
function validates(file: string, xsd: string): { ok: boolean; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', join(SHARED, 'xsd', xsd), file], {
    encoding: 'utf8',
  });
  return { ok: run.status === 0, output: run.stderr };
}

function manifests(folder: string): string[] {
  return readdirSync(join(folder, 'ascmhl'))
    .filter((name) => name.endsWith('.mhl'))
    .sort();
}

/** Each manifest and the chain of the history in `folder` validate, and the chain lists every manifest. */
function expectValidHistory(folder: string): void {
  const names = manifests(folder);
  const chain = readFileSync(join(folder, 'ascmhl', 'ascmhl_chain.xml'), 'utf8');
  for (const name of names) {
    expect(chain).toContain(name);
    if (!canValidate) continue;
    const manifest = validates(join(folder, 'ascmhl', name), 'ASCMHL.xsd');
    expect(manifest.ok, manifest.output).toBe(true);
  }
  if (canValidate) {
    const checked = validates(join(folder, 'ascmhl', 'ascmhl_chain.xml'), 'ASCMHLDirectory__combined.xsd');
    expect(checked.ok, checked.output).toBe(true);
  }
}

describe('wrangle copy --mhl', () => {
  it('starts a history in each copied folder at both destinations, with every chosen format', async () => {
    const dir = makeTempDir('mhl-new');
    const card = join(dir, 'src', 'B001');
    mkdirSync(join(card, 'Clips'), { recursive: true });
    writeFileSync(join(card, 'Clips', 'B001C001.mxf'), noise(300_000, 1));
    writeFileSync(join(card, 'Sidecar.txt'), 'stuff\n');
    mkdirSync(join(card, 'Empty'));
    const [one, two] = [join(dir, 'one'), join(dir, 'two')];
    const run = await runTransferCli(
      ['copy', card, one, '--also', two, '--mhl', '--hash', 'xxh64,md5,c4', '--verify', '--json'],
      { env: env(dir) },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = run.json().result;
    for (const [index, destination] of [one, two].entries()) {
      const folder = join(destination, 'B001');
      expect(manifests(folder)).toHaveLength(1);
      expect(manifests(folder)[0]).toMatch(/^0001_B001_\d{4}-\d\d-\d\d_\d{6}Z\.mhl$/);
      expect(result?.destinations[index]?.mhl_manifests).toEqual([
        join(folder, 'ascmhl', manifests(folder)[0] as string),
      ]);
      const text = readFileSync(join(folder, 'ascmhl', manifests(folder)[0] as string), 'utf8');
      expect(text).toContain('<process>transfer</process>');
      // Schema order: c4, md5, then xxh64; a first generation says original.
      expect(text).toMatch(
        /<c4 action="original"[^>]*>c4[1-9A-HJ-NP-Za-km-z]{88}<\/c4>\s*<md5 action="original"[^>]*>[0-9a-f]{32}<\/md5>\s*<xxh64 action="original"/,
      );
      // An empty folder counts in the directory hashes like any other.
      expect(text).toMatch(/<directoryhash>\s*<path[^>]*>Empty<\/path>/);
      expectValidHistory(folder);
    }
    // The handover report is written beside the job's JSON report.
    expect(result?.report_html).toMatch(/\.html$/);
    expect(readFileSync(result?.report_html as string, 'utf8')).toContain('B001');
    expect(readFileSync(result?.report_csv as string, 'utf8').split('\r\n')[0]).toMatch(/^path,size,status/);
  });

  it("lists files already at the destination in a re-run's generation, hashed rather than assumed", async () => {
    const dir = makeTempDir('mhl-rerun');
    const card = join(dir, 'src', 'C001');
    mkdirSync(card, { recursive: true });
    writeFileSync(join(card, 'a.mov'), noise(100_000, 5));
    writeFileSync(join(card, 'b.mov'), noise(100_000, 6));
    for (let run = 1; run <= 2; run++) {
      const done = await runTransferCli(['copy', card, join(dir, 'one'), '--mhl', '--json'], {
        env: env(dir),
      });
      expect(done.code, done.stderr).toBe(0);
    }
    const folder = join(dir, 'one', 'C001');
    expect(manifests(folder)).toHaveLength(2);
    const second = readFileSync(join(folder, 'ascmhl', manifests(folder)[1] as string), 'utf8');
    expect(second).toContain('>a.mov</path>');
    expect(second).toContain('>b.mov</path>');
    expectValidHistory(folder);
  });

  it('a retry records the files it copied, without folder hashes (its records do not cover the folders)', async () => {
    const dir = makeTempDir('mhl-retry');
    const card = join(dir, 'src', 'D001');
    mkdirSync(join(card, 'ok'), { recursive: true });
    mkdirSync(join(card, 'blocked'), { recursive: true });
    writeFileSync(join(card, 'ok', 'a.mov'), noise(10_000, 1));
    writeFileSync(join(card, 'blocked', 'b.mov'), noise(10_000, 2));
    const destination = join(dir, 'one');
    mkdirSync(join(destination, 'D001'), { recursive: true });
    // A file where a folder should go: that folder fails as one, the rest is copied.
    writeFileSync(join(destination, 'D001', 'blocked'), 'in the way');
    const first = await runTransferCli(['copy', card, destination, '--mhl', '--json'], { env: env(dir) });
    expect(first.code, first.stderr).toBe(3);
    const folder = join(destination, 'D001');
    const original = readFileSync(join(folder, 'ascmhl', manifests(folder)[0] as string), 'utf8');
    expect(original).toContain('>ok/a.mov</path>');
    expect(original).toContain('<directoryhash>');
    rmSync(join(folder, 'blocked'));
    const retry = await runTransferCli(['retry', first.json().batch_id, '--json'], { env: env(dir) });
    expect(retry.code, retry.stderr).toBe(0);
    expect(manifests(folder)).toHaveLength(2);
    const second = readFileSync(join(folder, 'ascmhl', manifests(folder)[1] as string), 'utf8');
    expect(second).toContain('>blocked/b.mov</path>');
    expect(second).not.toContain('>ok/a.mov</path>');
    expect(second).not.toContain('<directoryhash>');
    expectValidHistory(folder);
  });

  describe.skipIf(!hasExamples)("the reference implementation's example histories", () => {
    const cards = hasExamples
      ? [
          'scenario_01/travel_01/A002R2EC',
          'scenario_02/file_server/A002R2EC',
          'scenario_03/file_server/A002R2EC',
        ]
      : [];
    it.each(cards)('continues %s at two destinations, every file verified', async (card) => {
      const dir = makeTempDir('mhl-continue');
      const source = join(dir, 'src', 'A002R2EC');
      cpSync(join(EXAMPLES, card), source, { recursive: true });
      const before = manifests(source);
      const [one, two] = [join(dir, 'one'), join(dir, 'two')];
      const run = await runTransferCli(['copy', source, one, '--also', two, '--mhl', '--verify', '--json'], {
        env: env(dir),
      });
      expect(run.code, run.stderr).toBe(0);
      for (const destination of [one, two]) {
        const folder = join(destination, 'A002R2EC');
        const after = manifests(folder);
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after).toHaveLength(before.length + 1);
        expect(after.at(-1)).toMatch(new RegExp(`^${String(before.length + 1).padStart(4, '0')}_A002R2EC_`));
        const text = readFileSync(join(folder, 'ascmhl', after.at(-1) as string), 'utf8');
        expect(text).not.toContain('action="failed"');
        expect(text).not.toContain('action="original"');
        expect(text.match(/action="verified"/g)?.length).toBeGreaterThanOrEqual(3);
        expectValidHistory(folder);
      }
      // The source's own history is left as it was: a copy writes its generations at the destinations.
      expect(manifests(source)).toEqual(before);
    });

    it('wrangle verify passes each continued history, and catches a flipped byte and a removed file there', async () => {
      const dir = makeTempDir('mhl-then-verify');
      const source = join(dir, 'src', 'A002R2EC');
      cpSync(join(EXAMPLES, 'scenario_02', 'file_server', 'A002R2EC'), source, { recursive: true });
      const [one, two] = [join(dir, 'one'), join(dir, 'two')];
      const copied = await runTransferCli(
        ['copy', source, one, '--also', two, '--mhl', '--verify', '--json'],
        {
          env: env(dir),
        },
      );
      expect(copied.code, copied.stderr).toBe(0);
      const verify = async (folder: string): Promise<{ code: number | null; result: VerifyResult }> => {
        const { code, stdout } = await runCli(['verify', folder, '--json'], env(dir)).done;
        const output = JSON.parse(stdout) as { result: unknown };
        return { code, result: VerifyResultSchema.parse(output.result) };
      };
      for (const destination of [one, two]) {
        const clean = await verify(join(destination, 'A002R2EC'));
        expect(clean.code).toBe(0);
        expect(clean.result.files_verified).toBe(3);
      }
      // At the second destination: one byte flipped (size and modified time kept), one file removed.
      const clip = join(two, 'A002R2EC', 'Clips', 'A002C006_141024_R2EC.mov');
      const { atime, mtime } = statSync(clip);
      const bytes = readFileSync(clip);
      bytes[0] = (bytes[0] ?? 0) ^ 0x20;
      writeFileSync(clip, bytes);
      utimesSync(clip, atime, mtime);
      rmSync(join(two, 'A002R2EC', 'Sidecar.txt'));
      const caught = await verify(join(two, 'A002R2EC'));
      expect(caught.code).toBe(1);
      expect(caught.result.changed.map((item) => item.path)).toEqual(['Clips/A002C006_141024_R2EC.mov']);
      expect(caught.result.missing).toEqual(['Sidecar.txt']);
    });

    it('keeps nested histories nested (a Reels folder holding two card histories)', async () => {
      const dir = makeTempDir('mhl-nested');
      const source = join(dir, 'src', 'Reels');
      cpSync(join(EXAMPLES, 'scenario_05', 'travel_01', 'Reels'), source, { recursive: true });
      const run = await runTransferCli(['copy', source, join(dir, 'one'), '--mhl', '--json'], {
        env: env(dir),
      });
      expect(run.code, run.stderr).toBe(0);
      const reels = join(dir, 'one', 'Reels');
      for (const folder of [reels, join(reels, 'A002R2EC'), join(reels, 'A003R2EC')])
        expectValidHistory(folder);
      const top = readFileSync(join(reels, 'ascmhl', manifests(reels).at(-1) as string), 'utf8');
      // The parent references the cards' new generations instead of listing their files.
      expect(top).toContain('hashlistreference');
      expect(top).not.toContain('A002C006_141024_R2EC.mov');
      const card = readFileSync(
        join(reels, 'A002R2EC', 'ascmhl', manifests(join(reels, 'A002R2EC')).at(-1) as string),
        'utf8',
      );
      expect(card).toContain('A002C006_141024_R2EC.mov');
    });

    it('records a file that no longer matches its history as failed, and says so', async () => {
      const dir = makeTempDir('mhl-mismatch');
      const source = join(dir, 'src', 'A002R2EC');
      cpSync(join(EXAMPLES, 'scenario_02', 'file_server', 'A002R2EC'), source, { recursive: true });
      // One byte flipped; size and modified time kept, so only the hash can tell.
      const clip = join(source, 'Clips', 'A002C006_141024_R2EC.mov');
      const { atime, mtime } = statSync(clip);
      const bytes = readFileSync(clip);
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      writeFileSync(clip, bytes);
      utimesSync(clip, atime, mtime);
      const run = await runTransferCli(['copy', source, join(dir, 'one'), '--mhl', '--json'], {
        env: env(dir),
      });
      expect(run.code, run.stderr).toBe(3);
      const result = run.json().result;
      expect(result?.failures.map((failure) => failure.path)).toEqual([
        'A002R2EC/Clips/A002C006_141024_R2EC.mov',
      ]);
      expect(result?.failures[0]?.message).toMatch(/differs from its ASC MHL history/);
      const folder = join(dir, 'one', 'A002R2EC');
      const text = readFileSync(join(folder, 'ascmhl', manifests(folder).at(-1) as string), 'utf8');
      expect(text).toMatch(/A002C006_141024_R2EC\.mov<\/path>\s*<xxh64 action="failed"/);
      expectValidHistory(folder);
    });

    it('refuses a source whose chain does not match its manifests, naming the manifest, writing nothing', async () => {
      const dir = makeTempDir('mhl-broken');
      const source = join(dir, 'src', 'A002R2EC');
      cpSync(join(EXAMPLES, 'scenario_02', 'file_server', 'A002R2EC'), source, { recursive: true });
      const first = join(source, 'ascmhl', manifests(source)[0] as string);
      writeFileSync(first, readFileSync(first, 'utf8').replace('<hostname>', '<hostname>x'));
      const destination = join(dir, 'one');
      const run = await runTransferCli(['copy', source, destination, '--mhl', '--json'], { env: env(dir) });
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).toContain(manifests(source)[0]);
      expect(existsSync(destination)).toBe(false);
      expect(fileHashes(source).size).toBeGreaterThan(0);
    });
  });
});
