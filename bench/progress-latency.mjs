#!/usr/bin/env node
/**
 * Progress latency from the worker's emit to a WebSocket client, while real scans run.
 * Usage: node bench/progress-latency.mjs [--files 300000] [--scans 5] [--dir /tmp/wrangle-bench]
 * Each snapshot carries emitted_at (worker clock, same machine); the client subtracts it on arrival.
 * Goal: p99 under 50 ms.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTree } from './lib/tree.mjs';
import { median, percentile, watchedScan } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '300000' },
    scans: { type: 'string', default: '5' },
    dir: { type: 'string', default: '/tmp/wrangle-bench' },
  },
});
mkdirSync(values.dir, { recursive: true });
const dataDir = mkdtempSync(join(values.dir, 'data-'));
const tree = ensureTree(join(values.dir, `tree-${values.files}`), Number(values.files));

const latencies = [];
for (let i = 0; i < Number(values.scans); i++) {
  const result = await watchedScan(tree, dataDir, (message) => {
    // Only live ticks: the snapshot sent on subscribe is old by design.
    if (message.type === 'progress' && message.data.phase === 'walking') {
      latencies.push(Date.now() - message.data.emitted_at);
    }
  });
  console.error(`  scan ${i + 1}: ${result.seconds.toFixed(2)} s, ${latencies.length} samples so far`);
}
const report = {
  samples: latencies.length,
  p50_ms: median(latencies),
  p99_ms: percentile(latencies, 99),
  max_ms: Math.max(...latencies),
};
console.log(
  `progress latency, worker emit → WebSocket client, ${report.samples} snapshots during scans of ${tree}`,
);
console.log(
  `  p50 ${report.p50_ms.toFixed(1)} ms, p99 ${report.p99_ms.toFixed(1)} ms, max ${report.max_ms.toFixed(1)} ms (goal p99 < 50 ms)`,
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/progress-latency.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
rmSync(dataDir, { recursive: true, force: true });
