/** Job specs: the job's own fields plus its kind's settings from config, passed on untouched. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/config';
import { queuedRecord } from '../../src-main/jobs/job-records';
import { jobSpecFor } from '../../src-main/jobs/job-specs';
import { JobStore } from '../../src-main/jobs/job-store';
import { TransferRequestSchema } from '../../src-shared/jobs';
import { DEFAULT_SEQUENCE_EXTENSIONS } from '../../src-shared/sequence-extensions';

const store = new JobStore('/data');

describe('jobSpecFor', () => {
  it('gives a scan its settings as config built them', () => {
    const settings = loadConfig({ WRANGLE_SCAN_SEQUENCES: '0', WRANGLE_SCAN_THREADS: '5' }).jobs;
    const record = queuedRecord('s1', 'scan', '/shows/a', null, null);
    expect(jobSpecFor(record, settings, store, undefined)).toEqual({
      kind: 'scan',
      batch_id: 's1',
      root: '/shows/a',
      tree_path: '/data/jobs/s1/tree.json',
      previous: null,
      throttle_ms: 50,
      threads: 5,
      lister: 'auto',
      max_dirs_per_second: 0,
      sequences: false,
      sequence_extensions: [...DEFAULT_SEQUENCE_EXTENSIONS],
    });
  });

  it('gives a verification its request, report path and read limit', () => {
    const settings = loadConfig({ WRANGLE_COPY_MAX_BYTES_PER_SECOND: '1000' }).jobs;
    const record = queuedRecord('v1', 'verify', '/shows/a', null, null, { root: '/shows/a', record: true });
    expect(jobSpecFor(record, settings, store, undefined)).toEqual({
      kind: 'verify',
      batch_id: 'v1',
      root: '/shows/a',
      record: true,
      report_path: '/data/jobs/v1/report.json',
      throttle_ms: 50,
      max_bytes_per_second: 1000,
    });
  });

  it("gives a retry the earlier job's report, and a copy its transfer settings", () => {
    const settings = loadConfig({ WRANGLE_COPY_ENGINE: 'node', WRANGLE_COPY_THREADS: '3' }).jobs;
    const request = TransferRequestSchema.parse({
      sources: ['/a'],
      destination: '/b',
      policy: 'skip',
      verify: true,
      checksum_file: false,
    });
    const record = queuedRecord('c2', 'copy', '/a', '/b', { ...request, retry_of: 'c1' });
    expect(jobSpecFor(record, settings, store, undefined)).toMatchObject({
      kind: 'copy',
      retry_of: 'c1',
      retry_report: '/data/jobs/c1/report.json',
      report_path: '/data/jobs/c2/report.json',
      engine: 'node',
      threads: 3,
      publish: 'auto',
      max_bytes_per_second: 0,
    });
  });

  it('refuses a record that lacks its request', () => {
    const settings = loadConfig({}).jobs;
    expect(() =>
      jobSpecFor(queuedRecord('v', 'verify', '/a', null, null), settings, store, undefined),
    ).toThrow(/no verify parameters/);
    expect(() => jobSpecFor(queuedRecord('c', 'copy', '/a', '/b', null), settings, store, undefined)).toThrow(
      /no copy or move parameters/,
    );
  });
});
