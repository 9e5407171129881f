/**
 * Saving a job record while the process is out of file descriptors (EMFILE), for real: this test process's
 * own limit is lowered with prlimit and filled with open files, then freed while the save is retrying.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queuedRecord } from '../../src-main/jobs/job-records';
import { JobRecordSchema, JobStore } from '../../src-main/jobs/job-store';
import { tempDir } from '../helpers/engine';

const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

function nofile(): { soft: string; hard: string } {
  const out = spawnSync(
    'prlimit',
    ['--pid', String(process.pid), '--nofile', '--output=SOFT,HARD', '--noheadings'],
    {
      encoding: 'utf8',
    },
  ).stdout.trim();
  const [soft, hard] = out.split(/\s+/) as [string, string];
  return { soft, hard };
}

function setNofile(soft: string | number, hard: string): void {
  const result = spawnSync('prlimit', ['--pid', String(process.pid), `--nofile=${soft}:${hard}`]);
  if (result.status !== 0) throw new Error(`prlimit failed: ${result.stderr.toString()}`);
}

describe.skipIf(!hasPrlimit)('JobStore.save when file descriptors run out', () => {
  let data: { path: string; cleanup: () => Promise<void> };
  let saved: { soft: string; hard: string };
  const fillers: number[] = [];

  /** Lower the soft limit a little above what is open, then open /dev/null until EMFILE. */
  function exhaust(): void {
    setNofile(readdirSync('/proc/self/fd').length + 16, saved.hard);
    for (;;) {
      try {
        fillers.push(openSync('/dev/null', 'r'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EMFILE') return;
        throw error;
      }
    }
  }

  function release(): void {
    for (const fd of fillers.splice(0)) closeSync(fd);
  }

  beforeEach(async () => {
    data = await tempDir('store-retry');
    saved = nofile();
  });

  afterEach(async () => {
    release();
    setNofile(saved.soft, saved.hard);
    await data.cleanup();
  });

  it('retries, and saves once descriptors are free again', async () => {
    const store = new JobStore(data.path);
    const record = queuedRecord('emfile-job', 'scan', '/shows/abc', null, null);
    exhaust();
    let settled = false;
    const outcome = store.save(record).then(
      () => ((settled = true), 'saved'),
      (error: unknown) => ((settled = true), error),
    );
    // Without a retry the save has long failed by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pendingWhileExhausted = !settled;
    release();
    expect(await outcome).toBe('saved');
    expect(pendingWhileExhausted).toBe(true);
    const written = JobRecordSchema.parse(
      JSON.parse(readFileSync(join(store.jobDir('emfile-job'), 'job.json'), 'utf8')),
    );
    expect(written.info).toEqual(record.info);
  });

  it('gives up with EMFILE when descriptors stay exhausted', async () => {
    const store = new JobStore(data.path);
    exhaust();
    await expect(
      store.save(queuedRecord('stuck-job', 'scan', '/shows/abc', null, null)),
    ).rejects.toMatchObject({
      code: 'EMFILE',
    });
  });
});
