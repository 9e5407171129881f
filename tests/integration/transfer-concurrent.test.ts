/** Two `wrangle copy` runs writing into one destination folder at once leave both trees intact. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHashes, noise } from '../helpers/copy-trees';
import { modeOf, tempEntries, useTransferCases } from '../helpers/transfer-cases';
import { sleep, startTransferCli, waitFor, within } from '../helpers/transfer-cli';

describe('concurrent copies into one folder', () => {
  const { freshCase } = useTransferCases('transfer-concurrent');

  it("a fast copy does not touch a slow copy's file in flight, and both complete", async () => {
    const { root: base } = freshCase();
    // Both sources are named "shot", so both merge into destination/shot: one folder, two writers.
    const slowShot = join(base, 'a', 'shot');
    mkdirSync(slowShot, { recursive: true });
    for (let i = 0; i < 4; i++)
      writeFileSync(join(slowShot, `plate.${1001 + i}.mov`), randomBytes(10_000_000));
    const fastShot = join(base, 'b', 'shot');
    mkdirSync(join(fastShot, 'renders'), { recursive: true });
    for (let i = 0; i < 500; i++) {
      const folder = i % 2 === 0 ? fastShot : join(fastShot, 'renders');
      writeFileSync(join(folder, `comp.${1001 + i}.exr`), noise(500 + ((i * 613) % 4000), i));
    }
    chmodSync(fastShot, 0o750);
    const destination = join(base, 'dst');

    const slow = startTransferCli(['copy', slowShot, destination], {
      env: {
        WRANGLE_DATA_DIR: join(base, 'data-slow'),
        WRANGLE_COPY_MAX_BYTES_PER_SECOND: '10000000',
        WRANGLE_COPY_PUBLISH: 'rename',
      },
    });
    await sleep(300);
    // The slow copy's file in flight is in the shared folder under its temporary name when the fast one starts.
    await waitFor(() => tempEntries(destination).length > 0, 10_000, "the slow copy's temporary file", 2);
    // The fast copy finds the folder existing, so it must leave its mode alone (its own source's differs).
    const modeBefore = modeOf(join(destination, 'shot'));
    const fast = startTransferCli(['copy', fastShot, destination], {
      env: { WRANGLE_DATA_DIR: join(base, 'data-fast') },
    });

    const fastExit = await within(fast.done, 30_000, 'the fast copy');
    expect(fastExit.code, fastExit.stderr).toBe(0);
    // The two really overlapped: the slow one was still writing when the fast one finished.
    expect.soft(slow.child.exitCode, 'the slow copy was still running').toBeNull();
    expect.soft(modeOf(join(destination, 'shot')), 'an existing folder is never changed').toBe(modeBefore);
    const slowExit = await within(slow.done, 30_000, 'the slow copy');
    expect(slowExit.code, slowExit.stderr).toBe(0);

    expect(fileHashes(join(destination, 'shot'))).toEqual(
      new Map([...fileHashes(slowShot), ...fileHashes(fastShot)]),
    );
    expect(tempEntries(destination)).toEqual([]);
  }, 60_000);
});
