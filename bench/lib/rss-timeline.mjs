/**
 * A memory timeline of a running wrangle copy, to see *when* its worker peaks (process-peaks.mjs gives the
 * peak itself, from the kernel's VmHWM). Every `intervalMs` it reads, for every process below this one,
 * VmRSS and its split (RssAnon: heap and other private memory; RssFile: mapped files such as node and the
 * addon; RssShmem), and watches the job's ASC MHL spool: the worker appends one JSON line per copied file to
 * `<data>/jobs/<id>/report.json.mhl-*` while it copies, stops appending when the copy is done, and deletes
 * the spool once the history is written. So "the spool last grew" marks the end of the copy phase and "the
 * spool is gone" the end of the history phase. Then the job renames its streamed report into place
 * (`<data>/jobs/<id>/report.json`) and renders the HTML and CSV handover reports from it: "report.json
 * appeared" marks the start of that last phase (for a copy without --mhl it ends the copy phase).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { descendantsOf } from './process-peaks.mjs';

/** VmRSS, RssAnon, RssFile and RssShmem of a pid in MiB, or undefined once it has gone. */
function rssOf(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name) => Number(text.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? 0) / 1024;
  if (!/VmRSS:/.test(text)) return undefined; // a zombie
  return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile'), shmem: field('RssShmem') };
}

/** Short name of a process: the script a node process runs, else the program's name. */
function nameOf(pid) {
  let argv;
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return `pid ${pid}`;
  }
  const script = argv.slice(1).find((arg) => !arg.startsWith('-'));
  return basename(argv[0] ?? '') === 'node' && script ? basename(script) : basename(argv[0] ?? `pid ${pid}`);
}

/**
 * Size of the ASC MHL spool(s) under the job data folder (-1 when there is none, yet or any more), and
 * whether the finished report.json is there.
 */
function jobFiles(dataDir) {
  let total = -1;
  let report = false;
  try {
    for (const job of readdirSync(join(dataDir, 'jobs'))) {
      for (const name of readdirSync(join(dataDir, 'jobs', job))) {
        if (name === 'report.json') report = true;
        if (!name.includes('.mhl-')) continue;
        try {
          total = Math.max(total, 0) + statSync(join(dataDir, 'jobs', job, name)).size;
        } catch {
          // deleted between the listing and the stat
        }
      }
    }
  } catch {
    // no jobs folder yet
  }
  return { spoolBytes: total, report };
}

/**
 * Start sampling every process below this one (the CLI and its workers) and the spool under `dataDir`.
 * `stop()` returns `{ processes: [{ pid, name, samples: [[t, rss, anon, file, shmem], …] }], spool }`,
 * `t` in seconds since start; `spool` is `{ maxBytes, firstSeen, lastGrew, gone }` and `reportAt` when
 * report.json appeared (seconds, or null).
 */
export function startTimeline(dataDir, intervalMs = 100) {
  const started = process.hrtime.bigint();
  const processes = new Map();
  const spool = { maxBytes: -1, firstSeen: null, lastGrew: null, gone: null };
  let reportAt = null;
  const sample = () => {
    const t = Number(process.hrtime.bigint() - started) / 1e9;
    for (const pid of descendantsOf(process.pid)) {
      const memory = rssOf(pid);
      if (!memory) continue;
      const name = nameOf(pid);
      if (name === 'sync' || name === 'rm') continue;
      const known = processes.get(pid) ?? { pid, name, samples: [] };
      known.name = name; // the last name: a forked child execs
      known.samples.push([t, memory.rss, memory.anon, memory.file, memory.shmem]);
      processes.set(pid, known);
    }
    const { spoolBytes: bytes, report } = jobFiles(dataDir);
    if (report) reportAt ??= t;
    if (bytes >= 0) {
      spool.firstSeen ??= t;
      if (bytes > spool.maxBytes) {
        spool.maxBytes = bytes;
        spool.lastGrew = t;
      }
    } else if (spool.firstSeen !== null && spool.gone === null) spool.gone = t;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { processes: [...processes.values()], spool, reportAt };
    },
  };
}

/**
 * The largest VmRSS sample of a process at or after `from` and before `to` (seconds), with its split:
 * `{ t, rss, anon, file, shmem }`, or null when no sample falls there.
 */
export function peakBetween(samples, from = 0, to = Infinity) {
  let best = null;
  for (const [t, rss, anon, file, shmem] of samples)
    if (t >= from && t < to && (!best || rss > best.rss)) best = { t, rss, anon, file, shmem };
  return best;
}
