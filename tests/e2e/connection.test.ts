/** The progress server goes away mid-scan: polling carries the numbers, and live updates come back. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, makeWideTree } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { eventually, modalOf, sampleModal, waitForStatus } from './ui';
import { percentRank } from '../helpers/percentages';

describe('the connection indicator', () => {
  let h: Harness;
  let dir: string;
  let root: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e-conn');
    root = join(dir, 'SHOW_CONN');
    // 2,000 folders at 100 a second: twenty seconds, longer than this test needs; it cancels at the end.
    makeWideTree(root, 1000, 2);
    h = await startHarness({ config: { jobs: { scan: { max_dirs_per_second: 100 } } } });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to polling while the server is down, and goes live again when it returns', async ({
    annotate,
  }) => {
    const { page, engine, bridge } = h;
    const polls = (): number => bridge.calls('jobs:get-snapshot');
    await dropFolders(page, [root]);
    const modal = modalOf(page, root);
    const connection = modal.getByTestId('connection');
    await eventually(
      () => sampleModal(modal),
      (s) => s.connection === 'Live' && s.files > 0,
    );

    // Live: no polling.
    const livePolls = polls();
    await page.waitForTimeout(1000);
    expect(polls()).toBe(livePolls);

    // The server stops: the indicator says polling, and the numbers keep rising through IPC.
    await engine.server.stop();
    await connection.filter({ hasText: 'Using polling mode' }).waitFor({ timeout: 5000 });
    const first = await sampleModal(modal);
    const firstPolls = polls();
    await page.waitForTimeout(1500);
    const second = await sampleModal(modal);
    expect(second.connection).toBe('Using polling mode');
    expect(second.status).toBe('Scanning…');
    expect(second.files).toBeGreaterThan(first.files);
    // A first scan: indeterminate (null) ranks below every percentage, and never comes back after one.
    expect(percentRank(second.percent)).toBeGreaterThanOrEqual(percentRank(first.percent));
    // At 200 ms a poll, 1.5 s holds several.
    expect(polls() - firstPolls).toBeGreaterThanOrEqual(4);
    await h.screenshot('modal-polling');

    // The server returns on the same port: within the backoff (1, 2, 4 s …) the client is live again.
    const restarted = Date.now();
    await engine.server.start();
    await connection.filter({ hasText: /^Live$/ }).waitFor({ timeout: 12_000 });
    const reconnectMs = Date.now() - restarted;
    expect(reconnectMs).toBeLessThan(12_000);
    await annotate(`live again ${reconnectMs} ms after the server restarted`);

    // Polling stops once live.
    await page.waitForTimeout(300);
    const afterLive = polls();
    const liveAgain = await sampleModal(modal);
    await page.waitForTimeout(1500);
    expect(polls()).toBe(afterLive);
    // …and the numbers still rise, now over the socket.
    const later = await sampleModal(modal);
    expect(later.connection).toBe('Live');
    expect(later.files).toBeGreaterThan(liveAgain.files);

    await modal.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(modal, 'Cancelled', 10_000);
    expect(h.pageErrors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
  });
});
