/**
 * The results' Watch toggle (off by default): while on, the scanned folder's sequences, problems and totals
 * update by themselves as frames land, and it says what is watched (or that it polls, on a network share).
 * Turned off, the results show the scan's facts again, and it says so.
 */
import { useEffect, useState } from 'react';
import { countOf, formatBytes, formatCount } from '../../../src-shared/format';
import { hasProblems } from '../../../src-shared/jobs';
import { coverageLabel, landedLabel } from '../../../src-shared/watch-labels';
import type { WatchUpdate, WatchedSequence } from '../../../src-shared/watch-shapes';
import { ltr } from '../components/path-text';
import { folderLabel, problemLabels, rangeLabel } from '../scan/tree/sequence-model';
import type { LiveResults } from './use-live-results';

/** At most this many live sequences are listed (the most recently landed first). */
const MAX_LIVE_ROWS = 200;

/** The clock, ticking each second while `on`, for the "last frame 3s ago" labels. */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

/** The toggle and, while it is on, the live totals and sequences (the watch itself runs in useLiveResults). */
export function LiveWatch({ watch }: { watch: LiveResults }) {
  const { on, setOn, state, error } = watch;
  const now = useNow(on);
  const status = error
    ? `Watch stopped: ${error}`
    : !on
      ? 'Off: these are the results as scanned.'
      : state
        ? `Live: ${coverageLabel(state.coverage)}.`
        : 'Starting to watch…';
  return (
    <section className="card watch-card" role="region" aria-label="Watch">
      <div className="watch-head">
        <button
          type="button"
          className={on ? 'btn watch-toggle watch-on' : 'btn watch-toggle'}
          aria-pressed={on}
          title={on ? 'Stop watching this folder' : 'Keep these results live as files change'}
          onClick={() => setOn(!on)}
        >
          Watch
        </button>
        <p
          className={error ? 'watch-status warn' : 'watch-status'}
          data-testid="watch-status"
          aria-live="polite"
        >
          {status}
        </p>
      </div>
      {on && state && <LiveTotals state={state} />}
      {on && state && <LiveSequences rows={state.changed} now={now} />}
    </section>
  );
}

function LiveTotals({ state }: { state: WatchUpdate }) {
  const problems = state.changed.filter(({ sequence }) => hasProblems(sequence)).length;
  return (
    <p className="watch-totals" data-testid="watch-totals">
      {countOf(state.file_count, 'file')} · {formatBytes(state.total_size)} ·{' '}
      {countOf(state.sequence_count, 'sequence')},{' '}
      <span className={problems > 0 ? 'warn' : ''}>{formatCount(problems)} with problems</span>
    </p>
  );
}

function LiveSequences({ rows, now }: { rows: WatchedSequence[]; now: number }) {
  if (rows.length === 0) return <p className="card-empty">No sequences yet.</p>;
  const shown = rows.slice(0, MAX_LIVE_ROWS);
  return (
    <ul role="list" aria-label="Live sequences" className="watch-list">
      {shown.map(({ sequence, landed_at }) => (
        <li
          role="listitem"
          key={`${sequence.dir}/${sequence.pattern}`}
          className="watch-row"
          data-testid="live-sequence-row"
        >
          <span className="watch-path">
            <span className="watch-dir">{ltr(`${folderLabel(sequence)}/`)}</span>
            <span className="watch-pattern">{sequence.pattern}</span>
          </span>
          <span className="watch-range">
            {rangeLabel(sequence)} · {countOf(sequence.count, 'frame')}
          </span>
          <span className="watch-landed">{landedLabel(landed_at, now)}</span>
          <span className="watch-flags">
            {problemLabels(sequence).map((text) => (
              <span key={text} className="watch-flag">
                {text}
              </span>
            ))}
          </span>
        </li>
      ))}
      {rows.length > shown.length && (
        <li className="card-note">and {formatCount(rows.length - shown.length)} more</li>
      )}
    </ul>
  );
}
