/** Which command line arguments of a launch are folders to scan, checked against real folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstUserArgument, foldersFromArgv } from '../../src-main/launch-folders';

describe('foldersFromArgv', () => {
  let dir: string;
  let showA: string;
  let showB: string;
  let file: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wrangle-launch-'));
    showA = join(dir, 'SHOW_A');
    showB = join(dir, 'SHOW B');
    file = join(dir, 'notes.txt');
    mkdirSync(showA);
    mkdirSync(showB);
    writeFileSync(file, 'not a folder');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps existing folders after the executable, in order, each once', () => {
    const argv = ['/opt/Wrangle/wrangle', showA, showB, showA];
    expect(foldersFromArgv(argv, '/', firstUserArgument(false))).toEqual([showA, showB]);
  });

  it('skips the app path in development (electron . <folders>)', () => {
    const argv = ['/usr/bin/electron', dir, showA];
    expect(foldersFromArgv(argv, '/', firstUserArgument(true))).toEqual([showA]);
  });

  it('leaves out switches, files, missing paths and empty arguments', () => {
    const argv = [
      'wrangle',
      '--allow-file-access-from-files',
      '--original-process-start-time=1',
      file,
      join(dir, 'missing'),
      '',
      showB,
    ];
    expect(foldersFromArgv(argv, '/', 1)).toEqual([showB]);
  });

  it('resolves relative paths against the launch working directory', () => {
    expect(foldersFromArgv(['wrangle', 'SHOW_A', './SHOW B', '.'], dir, 1)).toEqual([showA, showB, dir]);
  });

  it('takes file:// URLs (from a desktop entry) as paths', () => {
    const argv = ['wrangle', pathToFileURL(showB).href, 'file://not a url%'];
    expect(foldersFromArgv(argv, '/', 1)).toEqual([showB]);
  });
});
