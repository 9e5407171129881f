/**
 * A real scan, through the built worker and the CLI, on both listers, of a shot folder that used to cry wolf:
 * Nuke script versions and camera clips are not sequences, other numbered files stay single, real gaps in exr
 * and dpx sequences still show, and empty files and empty folders are problems of their own kind.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanResultSchema, type ScanResult, type SequenceEntry } from '../../src-shared/jobs';
import { ScanTreeSchema } from '../../src-shared/scan-tree';
import type { ScanJobSpec } from '../../src-shared/worker-protocol';
import { runCli } from '../helpers/run-cli';
import { runScanWorker, scanSpec } from '../helpers/scan-worker-client';
import { makeTempDir } from '../helpers/trees';

/** Files of `dir`, each of `size(name)` bytes. */
function writeFiles(dir: string, names: string[], size: (name: string) => number): void {
  mkdirSync(dir, { recursive: true });
  for (const name of names) writeFileSync(join(dir, name), Buffer.alloc(size(name), 7));
}

/** What a scan of `root` found: the result, and every sequence from the tree file. */
async function scan(
  root: string,
  treePath: string,
  overrides: Partial<ScanJobSpec>,
): Promise<{ result: ScanResult; sequences: SequenceEntry[] }> {
  const { terminal } = await runScanWorker(scanSpec(root, treePath, overrides));
  if (terminal.type !== 'completed') throw new Error(`scan did not complete: ${JSON.stringify(terminal)}`);
  const result = ScanResultSchema.parse(terminal.result);
  const { sequences } = ScanTreeSchema.parse(JSON.parse(readFileSync(treePath, 'utf8')));
  return { result, sequences };
}

describe.each(['native', 'node'] as const)('sequence rules in a scan with the %s lister', (lister) => {
  let dir: string;
  let root: string;
  const at = (path: string): string => join(root, path);

  beforeAll(() => {
    dir = makeTempDir(`scan-sequence-rules-${lister}`);
    root = join(dir, 'SHOW');
    // Script versions, one tiny: once a "v@@@.nk" sequence, 3 missing and 1 suspiciously small.
    const scripts = [1, 2, 4, 7, 8].map((v) => `sh010_comp_v${String(v).padStart(3, '0')}.nk`);
    writeFiles(at('sh010/comp'), scripts, (name) => (name.includes('v004') ? 10 : 40_000));
    writeFiles(at('sh010/comp'), ['sh010_comp_v009.nk'], () => 0);
    // Camera clips, one short: once "suspiciously small".
    writeFiles(at('sh010/camera'), ['B001C001.mxf', 'B001C002.mxf', 'B001C003.mxf'], (name) =>
      name === 'B001C002.mxf' ? 100 : 50_000,
    );
    writeFiles(at('sh010/editorial'), ['notes_1.txt', 'notes_2.txt', 'notes_4.txt'], () => 20);
    writeFiles(at('sh010/editorial'), ['cut.mov'], () => 0);
    // A render with a real gap and an empty frame; a plate with a real gap.
    const beauty = [1001, 1002, 1003, 1006, 1007, 1008, 1009, 1010].map((f) => `beauty.${f}.exr`);
    writeFiles(at('sh010/renders/beauty'), beauty, (name) => (name === 'beauty.1008.exr' ? 0 : 5000));
    const plate = [1, 2, 4, 5].map((f) => `plate_${String(f).padStart(4, '0')}.dpx`);
    writeFiles(at('sh010/plates'), plate, () => 8000);
    for (const empty of ['sh010/empty_a', 'sh020', 'sh030/tmp']) mkdirSync(at(empty), { recursive: true });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds only the image sequences, with their real gaps', async () => {
    const { result, sequences } = await scan(root, join(dir, 'tree.json'), { lister });
    // Threads finish folders in any order: by folder.
    const found = [...sequences].sort((a, b) => a.dir.localeCompare(b.dir));
    expect(found.map((s) => [s.dir, s.pattern, s.frames, s.missing, s.zero_byte, s.suspect_small])).toEqual([
      ['sh010/plates', 'plate_####.dpx', '1-2,4-5', '3', [], []],
      ['sh010/renders/beauty', 'beauty.####.exr', '1001-1003,1006-1010', '1004-1005', [1008], []],
    ]);
    expect(result.sequence_count).toBe(2);
    expect(result.problem_sequence_count).toBe(2);
  });

  it('reports empty files, except frames its sequence reports, and empty folders, by path', async () => {
    const { result } = await scan(root, join(dir, 'tree-empty.json'), { lister });
    expect(result.zero_byte_files).toEqual([
      at('sh010/comp/sh010_comp_v009.nk'),
      at('sh010/editorial/cut.mov'),
    ]);
    expect(result.zero_byte_file_count).toBe(2);
    expect(result.empty_folders).toEqual([at('sh010/empty_a'), at('sh020'), at('sh030/tmp')]);
    expect(result.empty_folder_count).toBe(3);
  });

  it('groups the extensions it is given instead, and then an empty frame is an empty file', async () => {
    const { result, sequences } = await scan(root, join(dir, 'tree-txt.json'), {
      lister,
      sequence_extensions: ['txt', 'nk', 'mxf'],
    });
    // Versions and clip counters stay single whatever the list says.
    expect(sequences.map((s) => [s.pattern, s.missing])).toEqual([['notes_@.txt', '3']]);
    expect(result.zero_byte_files).toContain(at('sh010/renders/beauty/beauty.1008.exr'));
    expect(result.zero_byte_file_count).toBe(3);
  });

  it('caps the lists of paths at the first by path, and keeps the full counts', async () => {
    const many = join(dir, 'MANY');
    // Empty files in several folders, so several walker threads meet them.
    const emptyFiles: string[] = [];
    for (const shot of ['sh040', 'sh010', 'sh030', 'sh020']) {
      const names = Array.from({ length: 130 }, (_, i) => `empty_${i}.bin`);
      writeFiles(join(many, 'files', shot), names, () => 0);
      emptyFiles.push(...names.map((name) => join(many, 'files', shot, name)));
    }
    for (let i = 0; i < 505; i++) mkdirSync(join(many, `dir_${String(i).padStart(3, '0')}`));
    const { result } = await scan(many, join(dir, 'tree-many.json'), { lister });
    expect(result.zero_byte_file_count).toBe(520);
    expect(result.zero_byte_files).toEqual(emptyFiles.sort((a, b) => (a < b ? -1 : 1)).slice(0, 500));
    expect(result.empty_folder_count).toBe(505);
    expect(result.empty_folders).toHaveLength(500);
    expect(result.empty_folders[0]).toBe(join(many, 'dir_000'));
    expect(result.empty_folders[499]).toBe(join(many, 'dir_499'));
  });

  it('says it all in the CLI summary and --json, in one gap notation', async () => {
    const env = { WRANGLE_DATA_DIR: join(dir, 'data'), WRANGLE_SCAN_LISTER: lister };
    const { stdout } = await runCli(['scan', root], env).done;
    expect(stdout).toContain('2 image sequences, 2 with problems');
    expect(stdout).toContain(
      'sh010/renders/beauty/beauty.####.exr 1001-1010 (8 frames) — 2 missing: 1004-1005; 1 zero-byte: 1008',
    );
    expect(stdout).toContain('sh010/plates/plate_####.dpx 1-5 (4 frames) — 1 missing: 3');
    expect(stdout).toContain(`2 zero-byte files:\n    ${at('sh010/comp/sh010_comp_v009.nk')}\n`);
    expect(stdout).toContain(`3 empty folders:\n    ${at('sh010/empty_a')}\n    ${at('sh020')}\n`);
    expect(stdout).not.toContain('.nk (');
    const json = JSON.parse((await runCli(['scan', root, '--json'], env).done).stdout);
    expect(json.result).toMatchObject({ zero_byte_file_count: 2, empty_folder_count: 3 });
    expect(json.result.empty_folders).toEqual([at('sh010/empty_a'), at('sh020'), at('sh030/tmp')]);
  });

  it('takes the extensions from --sequence-ext and from WRANGLE_SCAN_SEQUENCE_EXTENSIONS', async () => {
    const env = { WRANGLE_DATA_DIR: join(dir, 'data'), WRANGLE_SCAN_LISTER: lister };
    const patterns = async (args: string[], extra: Record<string, string> = {}): Promise<string[]> => {
      const { stdout, code } = await runCli(['scan', root, '--json', ...args], { ...env, ...extra }).done;
      expect(code).toBe(0);
      return (JSON.parse(stdout).result.sequences as SequenceEntry[]).map((s) => s.pattern).sort();
    };
    expect(await patterns(['--sequence-ext', 'TXT,.dpx'])).toEqual(['notes_@.txt', 'plate_####.dpx']);
    expect(await patterns([], { WRANGLE_SCAN_SEQUENCE_EXTENSIONS: 'exr' })).toEqual(['beauty.####.exr']);
    const bad = await runCli(['scan', root, '--sequence-ext', 'ex r'], env).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sequence-ext: "ex r" is not an extension');
  });
});
