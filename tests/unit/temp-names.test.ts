/** Temporary names: one exact shape, never over NAME_MAX, and a leftover is ours to remove only when its writer is gone. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  currentOwner,
  hostId,
  ownerState,
  parseTempName,
  processStart,
  tempNameFor,
} from '../../src-workers/transfer/temp-names';

describe('temporary names', () => {
  const owner = { host: 'abcdef01', pid: 4321, start: '987654', n: 0 };

  it('round-trips: the name says which process wrote it', () => {
    const name = tempNameFor('beauty.1001.exr', owner, 17);
    expect(name).toBe('.beauty.1001.exr.wrangle-part-abcdef01-4321-987654-17');
    expect(parseTempName(name)).toEqual({ ...owner, n: 17 });
  });

  it('stays within 255 bytes, shortening the name and never the owner', () => {
    const long = `${'é'.repeat(200)}.exr`;
    const name = tempNameFor(long, owner, 3);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(parseTempName(name)).toEqual({ ...owner, n: 3 });
    expect(name.includes('\uFFFD')).toBe(false);
  });

  it('matches only exactly the names we make', () => {
    for (const lookalike of [
      'comp_v003.wrangle-part-2.exr',
      '.plate.exr.wrangle-part-x',
      '.plate.exr.wrangle-part-test-batch',
      'plate.exr.wrangle-part-abcdef01-4321-987654-1',
      '.plate.exr.wrangle-part-abcdef01-4321-987654-1.bak',
      '.plate.exr.wrangle-part-ABCDEF01-4321-987654-1',
      '.plate.exr.wrangle-part-abcdef01-0-987654-1',
    ]) {
      expect(parseTempName(lookalike), lookalike).toBeNull();
    }
  });

  it('knows this process as alive, on this host', () => {
    const self = currentOwner();
    expect(self.host).toBe(hostId());
    expect(self.pid).toBe(process.pid);
    expect(self.start).toBe(processStart(process.pid));
    expect(ownerState(self)).toBe('alive');
  });

  it('calls a writer dead when its pid is gone or now belongs to a later process', async () => {
    const child = spawn('sleep', ['30']);
    const pid = child.pid!;
    const start = processStart(pid)!;
    expect(ownerState({ host: hostId(), pid, start })).toBe('alive');
    expect(ownerState({ host: hostId(), pid, start: `${start}1` })).toBe('dead');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(ownerState({ host: hostId(), pid, start })).toBe('dead');
  });

  it('never judges a writer on another machine (shared storage)', () => {
    expect(ownerState({ host: hostId() === '00000000' ? '00000001' : '00000000', pid: 1, start: '1' })).toBe(
      'unknown',
    );
  });
});
