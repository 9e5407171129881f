/** Every tunable of the engine in one place: defaults, environment overrides, validation. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { JobSettings } from './jobs/job-settings';
import { DEFAULT_SEQUENCE_EXTENSIONS, parseSequenceExtensions } from '../src-shared/sequence-extensions';

/** Engine configuration. Times are milliseconds. */
export interface Config {
  /** Port of the progress server; 0 picks a free one. */
  progressPort: number;
  /** How often a client pings the server. */
  heartbeatIntervalMs: number;
  /** The server closes a socket that sent nothing for this long. */
  idleTimeoutMs: number;
  /** Jobs that run at once; the rest wait in the queue. */
  jobConcurrency: number;
  /** How often the renderer polls over IPC while the socket is down. */
  pollIntervalMs: number;
  /**
   * What each kind of worker is told besides its job (jobs/job-settings.ts): progress throttle, threads,
   * listers, limits. In the worker spec's own field names, so they reach the worker untouched.
   */
  jobs: JobSettings;
  /** Largest client message the server accepts, in bytes. */
  maxPayloadBytes: number;
  /** Most WebSocket clients at once. */
  maxConnections: number;
  /** Messages per second a client may send, and the burst above that. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Origins allowed to open the progress socket (browsers always send one). */
  allowedOrigins: string[];
  /** Where job records and results are kept, unless the host (Electron) says otherwise. */
  dataDir: string;
  /** The CLI's plain progress line for logs (stderr not a terminal): every this often; 0 for none. */
  progressLogIntervalMs: number;
}

/**
 * Raised for configuration that cannot work: a bad environment value, or (at start) a progress port in use or a
 * data folder that cannot hold records. The message names the variable or path and what to do.
 */
export class ConfigError extends Error {}

function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The ConfigError for a progress server that could not listen on `port`; undefined for other failures. */
export function portStartError(error: unknown, port: number): ConfigError | undefined {
  const fix = 'Set WRANGLE_PROGRESS_PORT to a free port, or to 0 to pick one.';
  const code = errnoCode(error);
  if (code === 'EADDRINUSE')
    return new ConfigError(
      `The progress port ${port} (WRANGLE_PROGRESS_PORT) is in use by another program. ${fix}`,
    );
  if (code === 'EACCES')
    return new ConfigError(
      `The progress port ${port} (WRANGLE_PROGRESS_PORT) needs privileges this user lacks. ${fix}`,
    );
  return undefined;
}

/**
 * The ConfigError for a data folder where records cannot be written. `byHost` when the host (the app) chose the
 * folder, so no variable would move it. Undefined for an error that is not about the folder.
 */
export function dataDirStartError(error: unknown, path: string, byHost: boolean): ConfigError | undefined {
  const code = errnoCode(error);
  if (code === undefined) return undefined;
  const fix = byHost ? '' : ' Set WRANGLE_DATA_DIR to a folder you can write.';
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new ConfigError(
      `The data folder ${path} is not a folder (it, or a part of its path, is a file).${fix}`,
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new ConfigError(`The data folder ${path} cannot be written (${code}).${fix}`);
  return new ConfigError(`The data folder ${path} cannot be used (${(error as Error).message}).${fix}`);
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}

function choice<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!(options as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${options.join(', ')}; got ${JSON.stringify(raw)}.`);
  }
  return raw as T;
}

function list(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const items = raw.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!/^(file:\/\/|[a-z][a-z0-9+.-]*:\/\/[^/\s]+)$/i.test(item)) {
      throw new ConfigError(
        `${name} must be a comma-separated list of origins like http://localhost:5173; got ${JSON.stringify(item)}.`,
      );
    }
  }
  return items;
}

/** A comma-separated list of sequence extensions ("exr,dpx", "*" for any); empty or unset is the default list. */
function sequenceExtensions(env: Env, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_SEQUENCE_EXTENSIONS];
  const parsed = parseSequenceExtensions(raw.split(','));
  if ('error' in parsed) throw new ConfigError(`${name}: ${parsed.error}; got ${JSON.stringify(raw)}.`);
  return parsed.extensions;
}

/** The shortest and longest log interval: a line every 0.1 s is already a flood, one a day says nothing. */
const INTERVAL_MIN_MS = 100;
const INTERVAL_MAX_MS = 86_400_000;
const INTERVAL_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * "5s", "200ms", "1m", "5" (seconds) → milliseconds; "0" and "off" → 0 (no lines). Undefined for anything else,
 * or outside 0.1 s to a day. Shared by WRANGLE_PROGRESS_INTERVAL and the CLI's --progress-interval.
 */
export function parseInterval(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off' || trimmed === '0') return 0;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(trimmed);
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * (INTERVAL_UNITS[match[2] ?? 's'] ?? NaN));
  return ms >= INTERVAL_MIN_MS && ms <= INTERVAL_MAX_MS ? ms : undefined;
}

/** What a bad interval says, after its name. */
export const INTERVAL_HELP = 'must be a time such as 5s, 500ms or 1m (0.1 s to 24 h), or 0 or off';

function interval(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = parseInterval(raw);
  if (value === undefined) throw new ConfigError(`${name} ${INTERVAL_HELP}; got ${JSON.stringify(raw)}.`);
  return value;
}

/** The XDG data folder for Wrangle, used by the CLI when WRANGLE_DATA_DIR is unset. */
export function defaultDataDir(env: Env): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  return join(xdg ? xdg : join(env.HOME ?? homedir(), '.local', 'share'), 'wrangle');
}

/** Every job kind's settings (see JobSettings). Workers send progress at most every `throttle_ms`. */
function jobSettings(env: Env): JobSettings {
  const throttle_ms = integer(env, 'WRANGLE_PROGRESS_THROTTLE_MS', 50, 10, 10_000);
  // Bytes a copy, move or verification may read or write per second, to spare busy shared storage; 0: no limit.
  const max_bytes_per_second = integer(
    env,
    'WRANGLE_COPY_MAX_BYTES_PER_SECOND',
    0,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  // Which files may be frames of a sequence, by extension; "*" for any. Scans and watches share it.
  const sequence_extensions = sequenceExtensions(env, 'WRANGLE_SCAN_SEQUENCE_EXTENSIONS');
  return {
    scan: {
      throttle_ms,
      // Walker threads per scan.
      threads: integer(env, 'WRANGLE_SCAN_THREADS', 2, 1, 64),
      // 'auto' is the native lister when built, else Node's fs.
      lister: choice(env, 'WRANGLE_SCAN_LISTER', ['auto', 'native', 'node'] as const, 'auto'),
      // Folders a scan may read per second, to spare busy shared storage; 0 for no limit.
      max_dirs_per_second: integer(env, 'WRANGLE_SCAN_MAX_DIRS_PER_SECOND', 0, 0, 10_000_000),
      sequences: choice(env, 'WRANGLE_SCAN_SEQUENCES', ['1', '0'] as const, '1') === '1',
      sequence_extensions,
    },
    transfer: {
      throttle_ms,
      max_bytes_per_second,
      // 'auto' is the native addon when it loads, else Node's fs.
      engine: choice(env, 'WRANGLE_COPY_ENGINE', ['auto', 'native', 'node'] as const, 'auto'),
      // 'auto' links an unnamed O_TMPFILE into place where possible; 'rename' forces a temporary name.
      publish: choice(env, 'WRANGLE_COPY_PUBLISH', ['auto', 'rename'] as const, 'auto'),
      // Threads that move file data in one copy or move.
      threads: integer(env, 'WRANGLE_COPY_THREADS', 2, 1, 16),
    },
    verify: { throttle_ms, max_bytes_per_second },
    watch: {
      // Poll instead of inotify events everywhere, not only on network filesystems.
      force_polling: choice(env, 'WRANGLE_WATCH_POLL', ['0', '1'] as const, '0') === '1',
      poll_interval_ms: integer(env, 'WRANGLE_WATCH_POLL_INTERVAL_MS', 3_000, 50, 3_600_000),
      // inotify queues overflow under load and drop events: re-read every watched folder this often.
      reconcile_interval_ms: integer(env, 'WRANGLE_WATCH_RECONCILE_MS', 60_000, 100, 86_400_000),
      // At most 4 updates a second.
      update_interval_ms: integer(env, 'WRANGLE_WATCH_UPDATE_INTERVAL_MS', 250, 10, 60_000),
      // 0: half of fs.inotify.max_user_watches.
      max_watches: integer(env, 'WRANGLE_WATCH_MAX_WATCHES', 0, 0, 100_000_000),
      // A watched folder's sequences follow the scan's rules, so both report the same sequences.
      sequence_extensions,
    },
  };
}

/** Read the configuration from the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const heartbeatIntervalMs = integer(env, 'WRANGLE_HEARTBEAT_INTERVAL_MS', 30_000, 10, 3_600_000);
  const idleTimeoutMs = integer(env, 'WRANGLE_IDLE_TIMEOUT_MS', 90_000, 20, 3_600_000);
  if (idleTimeoutMs <= heartbeatIntervalMs) {
    throw new ConfigError(
      `WRANGLE_IDLE_TIMEOUT_MS (${idleTimeoutMs}) must be longer than WRANGLE_HEARTBEAT_INTERVAL_MS (${heartbeatIntervalMs}), or live clients get closed.`,
    );
  }
  const dataDir = env.WRANGLE_DATA_DIR?.trim();
  if (dataDir !== undefined && dataDir !== '' && !dataDir.startsWith('/')) {
    throw new ConfigError(`WRANGLE_DATA_DIR must be an absolute path; got ${JSON.stringify(dataDir)}.`);
  }
  return {
    progressPort: integer(env, 'WRANGLE_PROGRESS_PORT', 0, 0, 65_535),
    heartbeatIntervalMs,
    idleTimeoutMs,
    jobConcurrency: integer(env, 'WRANGLE_JOB_CONCURRENCY', 2, 1, 64),
    pollIntervalMs: integer(env, 'WRANGLE_POLL_INTERVAL_MS', 1_000, 50, 60_000),
    jobs: jobSettings(env),
    maxPayloadBytes: integer(env, 'WRANGLE_MAX_PAYLOAD_BYTES', 4_096, 256, 1_048_576),
    maxConnections: integer(env, 'WRANGLE_MAX_CONNECTIONS', 32, 1, 10_000),
    rateLimitPerSecond: integer(env, 'WRANGLE_RATE_LIMIT_PER_SECOND', 20, 1, 10_000),
    rateLimitBurst: integer(env, 'WRANGLE_RATE_LIMIT_BURST', 60, 1, 100_000),
    // The app's renderer is served from app://wrangle (a file:// page would send Origin "null").
    allowedOrigins: list(env, 'WRANGLE_ALLOWED_ORIGINS', ['app://wrangle']),
    dataDir: dataDir ? dataDir : defaultDataDir(env),
    progressLogIntervalMs: interval(env, 'WRANGLE_PROGRESS_INTERVAL', 5_000),
  };
}
