/** Scans of a launch's folders wait for the renderer's first takeStartedScans, then arrive as events. */
import { describe, expect, it } from 'vitest';
import type { StartScanOutcome } from '../../src-shared/ipc-channels';
import { LaunchScans } from '../../src-main/launch-scans';

/** A refusal naming `path`: the outcome kind that needs no engine. */
const refused = (path: string): StartScanOutcome => ({ ok: false, path, error: `${path} does not exist.` });

function launchScans() {
  const started: string[][] = [];
  const shown: StartScanOutcome[][] = [];
  const scans = new LaunchScans(
    async (paths) => {
      started.push(paths);
      return paths.map(refused);
    },
    (outcomes) => shown.push(outcomes),
  );
  return { scans, started, shown };
}

describe('LaunchScans', () => {
  it('keeps what starts before the renderer listens, and hands it over once', async () => {
    const { scans, started, shown } = launchScans();
    await scans.open(['/shows/A', '/shows/B']);
    await scans.open(['/shows/C']);
    expect(started).toEqual([['/shows/A', '/shows/B'], ['/shows/C']]);
    expect(shown).toEqual([]);
    expect(scans.take()).toEqual([refused('/shows/A'), refused('/shows/B'), refused('/shows/C')]);
    expect(scans.take()).toEqual([]);
  });

  it('shows later launches at once, once the renderer has listened', async () => {
    const { scans, shown } = launchScans();
    expect(scans.take()).toEqual([]);
    await scans.open(['/shows/D']);
    expect(shown).toEqual([[refused('/shows/D')]]);
    expect(scans.take()).toEqual([]);
  });

  it('starts nothing and shows nothing for a launch without folders', async () => {
    const { scans, started, shown } = launchScans();
    scans.take();
    await scans.open([]);
    expect(started).toEqual([]);
    expect(shown).toEqual([]);
  });
});
