/** A folder the job created and then finds replaced by a symlink is never written through: DESTINATION_CHANGED. */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTree, noise } from '../helpers/copy-trees';
import { isRoot } from '../helpers/mounts';
import { useTransferCases } from '../helpers/transfer-cases';
import { killGroup, sleep, startTransferCli } from '../helpers/transfer-cli';

const NOBODY = 65534;

/**
 * Run as nobody: wait (1 ms polls, 20 s at most) until `<dst>/shot` exists, move it aside and put a symlink to
 * `<secret>` in its place; prints "swapped" once done.
 */
const ATTACKER = `
const fs = require('node:fs');
const [dst, secret] = process.argv.slice(1);
const shot = dst + '/shot';
const tick = new Int32Array(new SharedArrayBuffer(4));
const deadline = Date.now() + 20000;
for (;;) {
  try { fs.lstatSync(shot); break; } catch {}
  if (Date.now() > deadline) { console.log('gave up'); process.exit(1); }
  Atomics.wait(tick, 0, 0, 1);
}
fs.renameSync(shot, shot + '.moved');
fs.symlinkSync(secret, shot);
console.log('swapped');
`;

describe.skipIf(!isRoot)('a destination folder swapped for a symlink while the job runs', () => {
  const { freshCase } = useTransferCases('transfer-symlink-swap');

  it('writes nothing below the symlink’s target, leaves its mode alone, and fails the entries', async () => {
    const { root: dir, env } = freshCase();
    // A shot of two folders of 50 frames (64 KB each), slowed to ~2.6 s so the swap lands mid-job.
    const shot = join(dir, 'shot');
    for (const sub of ['a', 'b']) {
      mkdirSync(join(shot, sub), { recursive: true });
      for (let i = 0; i < 50; i++) writeFileSync(join(shot, sub, `f${i}.exr`), noise(64 * 1024, i + 1));
    }
    // nobody owns the destination, so nobody may rename what is in it; only root can enter secret.
    const dst = join(dir, 'dst');
    mkdirSync(dst);
    chownSync(dst, NOBODY, NOBODY);
    const secret = join(dir, 'secret');
    mkdirSync(secret);
    writeFileSync(join(secret, 'keep.txt'), 'root only');
    chmodSync(secret, 0o700);
    const secretBefore = statSync(secret);

    const attacker = spawn(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', ATTACKER, dst, secret],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let attackerOutput = '';
    attacker.stdout!.on('data', (chunk: Buffer) => (attackerOutput += chunk.toString()));
    attacker.stderr!.on('data', (chunk: Buffer) => (attackerOutput += chunk.toString()));
    const attackerDone = new Promise<void>((resolve) => attacker.on('exit', () => resolve()));
    try {
      // Not runTransferCli, which kills what outlives the CLI: a worker still writing must be seen.
      const cli = startTransferCli(['copy', shot, dst, '--json'], {
        env: { ...env, WRANGLE_COPY_MAX_BYTES_PER_SECOND: '2500000' },
      });
      const outcome = await cli.done;
      await Promise.race([attackerDone, sleep(2000)]);
      expect(attackerOutput, 'the attacker never swapped the folder').toContain('swapped');

      expect.soft([...describeTree(secret).keys()], 'files appeared below secret').toEqual(['keep.txt']);
      const secretAfter = statSync(secret);
      expect.soft((secretAfter.mode & 0o7777).toString(8), 'mode of secret').toBe('700');
      expect.soft(secretAfter.uid).toBe(0);
      expect.soft(secretAfter.mtimeMs, 'mtime of secret').toBe(secretBefore.mtimeMs);
      expect.soft(readFileSync(join(secret, 'keep.txt'), 'utf8')).toBe('root only');
      expect.soft([1, 3], `exit code ${outcome.code}; ${outcome.stderr}`).toContain(outcome.code);
      const failures = outcome.json().result?.failures ?? [];
      expect(failures.map((failure) => failure.code)).toContain('DESTINATION_CHANGED');
    } finally {
      killGroup(attacker.pid!);
    }
  }, 40_000);
});
