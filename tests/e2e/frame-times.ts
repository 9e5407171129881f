/** Frame-time probes for the e2e benches: requestAnimationFrame intervals and the treemap's own paint cost. */
import type { Locator, Page } from 'playwright';

export interface TileBox {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Start recording requestAnimationFrame timestamps in the page. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames?: number[]; __recording?: boolean };
    w.__frames = [];
    w.__recording = true;
    const tick = (now: number): void => {
      if (!w.__recording) return;
      w.__frames?.push(now);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stop recording; the intervals between frames, summarized. */
export async function stopFrames(page: Page): Promise<string> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames?: number[]; __recording?: boolean };
    w.__recording = false;
    return w.__frames ?? [];
  });
  const deltas = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
  deltas.sort((a, b) => a - b);
  const pick = (q: number): string =>
    (deltas[Math.min(deltas.length - 1, Math.floor(q * deltas.length))] ?? 0).toFixed(1);
  const mean = deltas.reduce((sum, d) => sum + d, 0) / Math.max(1, deltas.length);
  return `${deltas.length} frames, mean ${mean.toFixed(1)} ms, p50 ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms`;
}

/** The stage's own measure of its last layout and paint. */
export async function paintCost(stage: Locator): Promise<string> {
  const [layout, draw, tiles, laidOut] = await Promise.all(
    ['data-layout-ms', 'data-draw-ms', 'data-tile-count', 'data-laid-out'].map((name) =>
      stage.getAttribute(name),
    ),
  );
  return `layout ${layout} ms + draw ${draw} ms (${tiles} tiles drawn, ${laidOut} rectangles laid out)`;
}
