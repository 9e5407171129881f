import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadConfig, parseInterval } from '../../src-main/config';
import { DEFAULT_SEQUENCE_EXTENSIONS } from '../../src-shared/sequence-extensions';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ HOME: '/home/artist' });
    expect(config).toMatchObject({
      progressPort: 0,
      heartbeatIntervalMs: 30_000,
      idleTimeoutMs: 90_000,
      jobConcurrency: 2,
      pollIntervalMs: 1_000,
      jobs: {
        scan: {
          throttle_ms: 50,
          threads: 2,
          lister: 'auto',
          max_dirs_per_second: 0,
          sequences: true,
          sequence_extensions: DEFAULT_SEQUENCE_EXTENSIONS,
        },
        transfer: { throttle_ms: 50, max_bytes_per_second: 0, engine: 'auto', publish: 'auto', threads: 2 },
        verify: { throttle_ms: 50, max_bytes_per_second: 0 },
        watch: {
          force_polling: false,
          poll_interval_ms: 3_000,
          reconcile_interval_ms: 60_000,
          update_interval_ms: 250,
          max_watches: 0,
          sequence_extensions: DEFAULT_SEQUENCE_EXTENSIONS,
        },
      },
      allowedOrigins: ['app://wrangle'],
      dataDir: '/home/artist/.local/share/wrangle',
      progressLogIntervalMs: 5_000,
    });
  });

  it('reads every override from the environment', () => {
    const config = loadConfig({
      WRANGLE_PROGRESS_PORT: '8123',
      WRANGLE_HEARTBEAT_INTERVAL_MS: '100',
      WRANGLE_IDLE_TIMEOUT_MS: '300',
      WRANGLE_PROGRESS_THROTTLE_MS: '20',
      WRANGLE_JOB_CONCURRENCY: '4',
      WRANGLE_POLL_INTERVAL_MS: '250',
      WRANGLE_SCAN_THREADS: '3',
      WRANGLE_SCAN_LISTER: 'node',
      WRANGLE_SCAN_MAX_DIRS_PER_SECOND: '500',
      WRANGLE_SCAN_SEQUENCES: '0',
      WRANGLE_SCAN_SEQUENCE_EXTENSIONS: 'EXR, .dpx,bgeo.sc,*',
      WRANGLE_COPY_MAX_BYTES_PER_SECOND: '1000000',
      WRANGLE_COPY_ENGINE: 'node',
      WRANGLE_COPY_PUBLISH: 'rename',
      WRANGLE_COPY_THREADS: '4',
      WRANGLE_WATCH_POLL: '1',
      WRANGLE_WATCH_POLL_INTERVAL_MS: '5000',
      WRANGLE_WATCH_RECONCILE_MS: '30000',
      WRANGLE_WATCH_UPDATE_INTERVAL_MS: '500',
      WRANGLE_WATCH_MAX_WATCHES: '1000',
      WRANGLE_ALLOWED_ORIGINS: 'app://wrangle, http://127.0.0.1:5173',
      WRANGLE_DATA_DIR: '/srv/wrangle',
      WRANGLE_PROGRESS_INTERVAL: '200ms',
    });
    expect(config).toMatchObject({
      progressPort: 8123,
      heartbeatIntervalMs: 100,
      idleTimeoutMs: 300,
      jobConcurrency: 4,
      pollIntervalMs: 250,
      jobs: {
        scan: {
          throttle_ms: 20,
          threads: 3,
          lister: 'node',
          max_dirs_per_second: 500,
          sequences: false,
          sequence_extensions: ['exr', 'dpx', 'bgeo.sc', '*'],
        },
        transfer: {
          throttle_ms: 20,
          max_bytes_per_second: 1_000_000,
          engine: 'node',
          publish: 'rename',
          threads: 4,
        },
        verify: { throttle_ms: 20, max_bytes_per_second: 1_000_000 },
        watch: {
          force_polling: true,
          poll_interval_ms: 5_000,
          reconcile_interval_ms: 30_000,
          update_interval_ms: 500,
          max_watches: 1_000,
        },
      },
      allowedOrigins: ['app://wrangle', 'http://127.0.0.1:5173'],
      dataDir: '/srv/wrangle',
      progressLogIntervalMs: 200,
    });
  });

  it('uses XDG_DATA_HOME when set', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg', HOME: '/home/a' })).toBe('/xdg/wrangle');
  });

  it.each([
    ['WRANGLE_PROGRESS_PORT', '70000'],
    ['WRANGLE_PROGRESS_PORT', 'eighty'],
    ['WRANGLE_JOB_CONCURRENCY', '0'],
    ['WRANGLE_JOB_CONCURRENCY', '1.5'],
    ['WRANGLE_PROGRESS_THROTTLE_MS', '-5'],
    ['WRANGLE_POLL_INTERVAL_MS', '1e3'],
    ['WRANGLE_SCAN_THREADS', '999'],
    ['WRANGLE_SCAN_LISTER', 'fast'],
    ['WRANGLE_SCAN_SEQUENCES', 'yes'],
    ['WRANGLE_SCAN_SEQUENCE_EXTENSIONS', 'exr,e x r'],
    ['WRANGLE_COPY_ENGINE', 'rust'],
    ['WRANGLE_COPY_PUBLISH', 'tmp'],
    ['WRANGLE_COPY_THREADS', '0'],
    ['WRANGLE_WATCH_POLL', 'yes'],
    ['WRANGLE_WATCH_POLL_INTERVAL_MS', '10'],
    ['WRANGLE_WATCH_RECONCILE_MS', 'soon'],
    ['WRANGLE_ALLOWED_ORIGINS', 'not an origin'],
    ['WRANGLE_DATA_DIR', 'relative/path'],
    ['WRANGLE_PROGRESS_INTERVAL', 'soon'],
    ['WRANGLE_PROGRESS_INTERVAL', '10ms'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads log intervals as times, with 0 and off for none', () => {
    expect(parseInterval('5s')).toBe(5_000);
    expect(parseInterval('5')).toBe(5_000);
    expect(parseInterval('0.5s')).toBe(500);
    expect(parseInterval('200ms')).toBe(200);
    expect(parseInterval(' 2m ')).toBe(120_000);
    expect(parseInterval('0')).toBe(0);
    expect(parseInterval('OFF')).toBe(0);
    for (const bad of ['', 'soon', '-1s', '5 sec', '50ms', '2d', '25h'])
      expect(parseInterval(bad)).toBeUndefined();
    expect(loadConfig({ WRANGLE_PROGRESS_INTERVAL: 'off' }).progressLogIntervalMs).toBe(0);
  });

  it('refuses an idle timeout that would close clients that ping on time', () => {
    expect(() =>
      loadConfig({ WRANGLE_HEARTBEAT_INTERVAL_MS: '1000', WRANGLE_IDLE_TIMEOUT_MS: '900' }),
    ).toThrow(/WRANGLE_IDLE_TIMEOUT_MS .* longer than WRANGLE_HEARTBEAT_INTERVAL_MS/);
  });
});
