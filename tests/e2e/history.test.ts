/**
 * Past jobs come back after a restart: a new engine and a new browser on the same data folder list the old
 * jobs, reopen a completed one's results, and show what happened to jobs that were still running.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, formatBytes } from '../../src-shared/format';
import { LARGEST_LIMIT } from '../../src-shared/jobs';
import { buildShowTree, findCensus, makeTempDir, makeWideTree, type Census } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { eventually, expectNoPageErrors, modalOf, sampleModal, waitForStatus } from './ui';

/** The on-disk record of one job (src-main/jobs/job-store.ts). */
function recordPath(dataDir: string, batchId: string): string {
  return join(dataDir, 'jobs', batchId, 'job.json');
}

function recordState(dataDir: string, batchId: string): string {
  return (JSON.parse(readFileSync(recordPath(dataDir, batchId), 'utf8')) as { info: { state: string } }).info
    .state;
}

describe('job history across a restart', () => {
  let dir: string;
  let dataDir: string;
  let first: Harness | undefined;
  let second: Harness | undefined;
  let done: { root: string; id: string; census: Census };
  /** Left running when the first engine stopped (a graceful stop). */
  let stopped: { root: string; id: string };
  /** Left running too, but its record is put back as a crash mid-scan would have left it. */
  let crashed: { root: string; id: string };

  beforeAll(async () => {
    dir = makeTempDir('e2e-history');
    dataDir = makeTempDir('e2e-history-data');
    done = { root: join(dir, 'SHOW_DONE'), id: '', census: undefined as unknown as Census };
    buildShowTree(done.root, { sequences: 2, shots: 2, versions: 2, frames: 6 });
    done.census = findCensus(done.root, LARGEST_LIMIT);
    stopped = { root: join(dir, 'SHOW_STOPPED'), id: '' };
    makeWideTree(stopped.root, 300, 2);
    crashed = { root: join(dir, 'SHOW_CRASHED'), id: '' };
    makeWideTree(crashed.root, 300, 2);
  });
  afterAll(async () => {
    await first?.dispose();
    await second?.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs jobs in a first session, then stops it while two are still running', async () => {
    // 40 folders a second: the small show takes well under a second, the 300-folder trees about 7 s each.
    first = await startHarness({
      dataDir,
      config: { jobs: { scan: { max_dirs_per_second: 40 } }, jobConcurrency: 2 },
    });
    const { page, engine } = first;
    expect(engine.dataDir).toBe(dataDir);

    await dropFolders(page, [done.root]);
    const modal = modalOf(page, done.root);
    await waitForStatus(modal, 'Completed');
    const jobs = page.getByRole('list', { name: 'Jobs' });
    const row = jobs.getByRole('listitem').filter({ hasText: 'SHOW_DONE' });
    await row.getByRole('button', { name: /SHOW_DONE.*completed/ }).waitFor();
    done.id = ((await row.getAttribute('data-testid')) ?? '').replace(/^job-/, '');
    expect(done.id).toMatch(/^[0-9a-f-]{36}$/);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });

    await dropFolders(page, [stopped.root, crashed.root]);
    for (const job of [stopped, crashed]) {
      const jobModal = modalOf(page, job.root);
      const list = await eventually(
        () => engine.manager.listJobs(),
        (all) => all.some((info) => info.root === job.root && info.state === 'running'),
      );
      job.id = list.find((info) => info.root === job.root)!.batch_id;
      await jobs
        .getByTestId(`job-${job.id}`)
        .getByRole('button', { name: /running/ })
        .waitFor();
      if (await jobModal.count()) {
        await eventually(
          () => sampleModal(jobModal),
          (s) => s.files > 0,
        );
      }
    }
    // A hard crash (power cut, SIGKILL) leaves the record as it was on disk mid-scan: keep a copy of that.
    expect(recordState(dataDir, crashed.id)).toBe('running');
    const midScan = join(dir, 'crashed-job.json');
    copyFileSync(recordPath(dataDir, crashed.id), midScan);
    expectNoPageErrors(first.pageErrors);

    // Quit: browser and engine. The engine cancels what is still running, on disk too.
    await first.dispose();
    first = undefined;
    expect(recordState(dataDir, done.id)).toBe('completed');
    expect(recordState(dataDir, stopped.id)).toBe('cancelled');
    expect(recordState(dataDir, crashed.id)).toBe('cancelled');
    // Put the crashed job's record back as the crash would have left it.
    writeFileSync(recordPath(dataDir, crashed.id), readFileSync(midScan));
    expect(recordState(dataDir, crashed.id)).toBe('running');
  });

  it('lists the old jobs in a new session on the same data folder', async () => {
    expect(done.id && stopped.id && crashed.id).toBeTruthy();
    second = await startHarness({ dataDir });
    const { page } = second;
    const jobs = page.getByRole('list', { name: 'Jobs' });

    // The completed job is listed as completed, with its totals in the row.
    const doneRow = jobs.getByTestId(`job-${done.id}`);
    await doneRow.getByRole('button', { name: 'SHOW_DONE — completed' }).waitFor({ timeout: 10_000 });
    // The job stopped by a clean quit was cancelled by the engine on its way out, and stays so.
    await jobs
      .getByTestId(`job-${stopped.id}`)
      .getByRole('button', { name: 'SHOW_STOPPED — cancelled' })
      .waitFor();
    // The job whose record still said "running" (a crash) is marked failed on load.
    await jobs
      .getByTestId(`job-${crashed.id}`)
      .getByRole('button', { name: 'SHOW_CRASHED — failed' })
      .waitFor();
    expect(recordState(dataDir, crashed.id)).toBe('failed');
    expect(await jobs.getByRole('listitem').count()).toBe(3);
    // Newest first.
    const order = await jobs
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
    expect(order[2]).toBe(`job-${done.id}`);
    await second.screenshot('history-jobs');
  });

  it('reopens the completed job: totals match find, and the folder tree has rows', async () => {
    const { page } = second!;
    await page.getByTestId(`job-${done.id}`).getByRole('button').click();
    const results = page.getByRole('region', { name: 'Results' });
    await results.waitFor();
    expect(await results.getByRole('heading', { name: 'SHOW_DONE' }).count()).toBe(1);
    const totals = results.getByTestId('totals');
    await totals.waitFor();
    const values = await totals.locator('dd').allTextContents();
    expect(values.slice(0, 3)).toEqual([
      formatBytes(done.census.total_size),
      countOf(done.census.file_count, 'file'),
      countOf(done.census.directory_count, 'folder'),
    ]);

    const tree = results.getByRole('tree', { name: 'Folder tree' });
    await tree.getByTestId('tree-row').first().waitFor();
    const rows = tree.getByTestId('tree-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const rootRow = rows.first();
    expect(await rootRow.getAttribute('aria-level')).toBe('1');
    expect(await rootRow.locator('.tree-label').textContent()).toBe('SHOW_DONE');
    expect(await rootRow.locator('.tree-bytes').textContent()).toBe(formatBytes(done.census.total_size));
    await second!.screenshot('history-results');
  });

  it('opens the interrupted job: it explains that Wrangle quit before it finished', async () => {
    const { page } = second!;
    await page.getByTestId(`job-${crashed.id}`).getByRole('button').click();
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByText(/Scan failed: Wrangle quit before this job finished/).waitFor();
    expectNoPageErrors(second!.pageErrors);
  });
});
