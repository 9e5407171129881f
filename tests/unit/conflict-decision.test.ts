/** The conflict decision, rule by rule: what happens to a source whose name may be taken at the destination. */
import { describe, expect, it } from 'vitest';
import {
  decide,
  freeName,
  timeDelta,
  type DecideInput,
  type EntryFacts,
} from '../../src-workers/transfer/conflict-decision';
import { EntryKind } from '../../src-workers/transfer/fs-backend';

const SECOND = 1e9;

function file(overrides: Partial<EntryFacts> = {}): EntryFacts {
  return {
    kind: EntryKind.File,
    size: 100,
    mtimeS: 1_700_000_000,
    mtimeNs: 500,
    dev: 1,
    ino: 10,
    ...overrides,
  };
}

function input(overrides: Partial<DecideInput>): DecideInput {
  return {
    policy: 'skip',
    source: file(),
    name: 'beauty.1001.exr',
    existing: null,
    justCreated: false,
    windowNs: 1000,
    verify: false,
    isTaken: () => false,
    ...overrides,
  };
}

/** What is at the destination: another inode than the source. */
const there = (overrides: Partial<EntryFacts> = {}): EntryFacts => file({ dev: 2, ino: 20, ...overrides });

describe('decide', () => {
  it('writes under the same name when nothing is there', () => {
    expect(decide(input({}))).toEqual({
      action: 'write',
      name: 'beauty.1001.exr',
      replace: false,
      renamed: false,
    });
  });

  it('refuses the same file reached by another path (a bind mount, a hard link), under every policy', () => {
    for (const policy of ['skip', 'overwrite', 'rename', 'newer'] as const) {
      const decision = decide(input({ policy, existing: file() }));
      expect(decision).toMatchObject({ action: 'refuse', code: 'SAME_PATH' });
    }
  });

  describe('skip', () => {
    it('skips an identical file: same size, times equal within the window', () => {
      const decision = decide(input({ existing: there({ mtimeNs: 900 }) }));
      expect(decision).toEqual({ action: 'skip', why: 'Already there', identical: true });
    });

    it('compares hashes first when verifying', () => {
      expect(decide(input({ existing: there(), verify: true }))).toEqual({ action: 'compare' });
    });

    it('refuses a file of another size, or a time outside the window (a truncated leftover never counts as done)', () => {
      expect(decide(input({ existing: there({ size: 99 }) }))).toMatchObject({
        action: 'refuse',
        code: 'CONFLICT',
      });
      expect(decide(input({ existing: there({ mtimeNs: 500 + 1000 }) }))).toMatchObject({ action: 'refuse' });
    });

    it('uses the destination filesystem precision: 1 s on ext2 or FAT-like mounts', () => {
      // The destination kept whole seconds of a time with 0.9 s in it: the same file there.
      const coarse = there({ mtimeS: 1_700_000_000, mtimeNs: 0 });
      const source = file({ mtimeNs: 900_000_000 });
      expect(decide(input({ source, existing: coarse, windowNs: SECOND }))).toMatchObject({ action: 'skip' });
      expect(decide(input({ source, existing: coarse, windowNs: 1000 }))).toMatchObject({ action: 'refuse' });
      // A full second apart is another version, even at 1 s precision.
      const later = file({ mtimeS: 1_700_000_001, mtimeNs: 0 });
      expect(decide(input({ source: later, existing: coarse, windowNs: SECOND }))).toMatchObject({
        action: 'refuse',
      });
    });

    it('skips a symlink only when it points at the same text', () => {
      const source = file({ kind: EntryKind.Symlink, size: 5, linkTarget: 'v001' });
      const same = there({ kind: EntryKind.Symlink, size: 5, linkTarget: 'v001' });
      const other = there({ kind: EntryKind.Symlink, size: 5, linkTarget: 'v002' });
      expect(decide(input({ source, existing: same, verify: true }))).toMatchObject({
        action: 'skip',
        identical: true,
      });
      expect(decide(input({ source, existing: other }))).toMatchObject({
        action: 'refuse',
        code: 'CONFLICT',
      });
    });

    it('refuses when a folder holds the name', () => {
      expect(decide(input({ existing: there({ kind: EntryKind.Dir }) }))).toMatchObject({
        action: 'refuse',
        why: 'A folder of the same name is in the way',
      });
    });
  });

  describe('overwrite', () => {
    it('replaces a different file atomically', () => {
      expect(decide(input({ policy: 'overwrite', existing: there({ size: 1 }) }))).toEqual({
        action: 'write',
        name: 'beauty.1001.exr',
        replace: true,
        renamed: false,
      });
    });

    it('never replaces a folder', () => {
      expect(decide(input({ policy: 'overwrite', existing: there({ kind: EntryKind.Dir }) }))).toMatchObject({
        action: 'refuse',
      });
    });
  });

  describe('rename', () => {
    it('writes the next free "name (n).ext"', () => {
      const taken = new Set(['beauty.1001 (1).exr']);
      const decision = decide(
        input({ policy: 'rename', existing: there(), isTaken: (name) => taken.has(String(name)) }),
      );
      expect(decision).toEqual({
        action: 'write',
        name: 'beauty.1001 (2).exr',
        replace: false,
        renamed: true,
      });
    });

    it('keeps both also when a folder holds the name', () => {
      expect(decide(input({ policy: 'rename', existing: there({ kind: EntryKind.Dir }) }))).toMatchObject({
        action: 'write',
        name: 'beauty.1001 (1).exr',
      });
    });
  });

  describe('newer', () => {
    it('replaces only when the source is newer by at least the precision', () => {
      const older = there({ mtimeS: 1_600_000_000 });
      expect(decide(input({ policy: 'newer', existing: older }))).toMatchObject({
        action: 'write',
        replace: true,
      });
      const same = there({ mtimeNs: 900 });
      expect(decide(input({ policy: 'newer', existing: same }))).toMatchObject({
        action: 'skip',
        identical: false,
      });
      const newer = there({ mtimeS: 1_800_000_000 });
      expect(decide(input({ policy: 'newer', existing: newer }))).toMatchObject({ action: 'skip' });
    });
  });

  describe('a name this job wrote itself (two sources of one name)', () => {
    it('is never skipped or overwritten, even when identical or absent from the first listing', () => {
      for (const policy of ['skip', 'overwrite', 'newer'] as const) {
        for (const existing of [null, there()]) {
          const decision = decide(input({ policy, existing, justCreated: true }));
          expect(decision).toMatchObject({ action: 'refuse', code: 'CONFLICT' });
          expect(decision.action === 'refuse' && decision.why).toContain('Will not overwrite just-created');
        }
      }
    });

    it('is kept beside, under policy rename', () => {
      const decision = decide(
        input({ policy: 'rename', justCreated: true, isTaken: (name) => name === 'beauty.1001.exr' }),
      );
      expect(decision).toEqual({
        action: 'write',
        name: 'beauty.1001 (1).exr',
        replace: false,
        renamed: true,
      });
    });
  });
});

describe('freeName', () => {
  const none = (): boolean => false;

  it('numbers before the extension, keeping dotfiles and extensionless names whole', () => {
    expect(freeName('plate.exr', none)).toBe('plate (1).exr');
    expect(freeName('archive.tar.gz', none)).toBe('archive.tar (1).gz');
    expect(freeName('.nuke', none)).toBe('.nuke (1)');
    expect(freeName('README', none)).toBe('README (1)');
  });

  it('takes the first number that is free', () => {
    const taken = new Set(['plate (1).exr', 'plate (2).exr']);
    expect(freeName('plate.exr', (name) => taken.has(String(name)))).toBe('plate (3).exr');
  });

  it('keeps the bytes of a name that is not UTF-8', () => {
    const raw = Buffer.from([0x70, 0xff, 0x2e, 0x65, 0x78, 0x72]); // "p\xff.exr"
    const renamed = freeName(raw, none);
    expect(Buffer.isBuffer(renamed)).toBe(true);
    expect(
      (renamed as Buffer).equals(Buffer.concat([Buffer.from([0x70, 0xff]), Buffer.from(' (1).exr')])),
    ).toBe(true);
  });
});

describe('timeDelta', () => {
  it('is exact to the nanosecond across a second boundary', () => {
    expect(timeDelta({ mtimeS: 10, mtimeNs: 1 }, { mtimeS: 9, mtimeNs: 999_999_999 })).toBe(2);
  });
});
