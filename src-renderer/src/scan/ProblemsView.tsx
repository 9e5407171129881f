/** Every sequence of a scan with missing, zero-byte or suspiciously small frames. */
import { formatCount } from '../../../src-shared/format';
import type { SequenceEntry } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import { folderLabel, problemLabels, rangeLabel } from './tree/sequence-model';

/** At most this many problem sequences are listed; the count says how many there are. */
export const MAX_LISTED_PROBLEMS = 500;

/** A problem sequence and its index in the tree file's list (null when the tree file is not loaded). */
export interface ProblemItem {
  seq: SequenceEntry;
  index: number | null;
}

interface ProblemsViewProps {
  problems: ProblemItem[];
  /** How many problem sequences the scan found (may exceed `problems` when only the summary is loaded). */
  total: number;
  /** Reveal a sequence in the folder tree. */
  onReveal?: (index: number) => void;
}

/** The "Problems" section of the results. */
export function ProblemsView({ problems, total, onReveal }: ProblemsViewProps) {
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS);
  return (
    <section className="card problems-card" role="region" aria-label="Problems">
      <h3 className="card-title">
        Problems {total > 0 && <span className="card-count">{formatCount(total)}</span>}
      </h3>
      {shown.length === 0 ? (
        <p className="card-empty">No problem sequences.</p>
      ) : (
        <ul role="list" aria-label="Problem sequences" className="problem-list">
          {shown.map(({ seq, index }, i) => {
            const problems = problemLabels(seq);
            const reveal = index !== null && onReveal ? () => onReveal(index) : undefined;
            return (
              <li role="listitem" key={`${seq.dir}/${seq.pattern}/${i}`} className="problem-item">
                <button
                  type="button"
                  className="problem-button"
                  disabled={!reveal}
                  title={reveal ? 'Show in the folder tree' : undefined}
                  onClick={reveal}
                >
                  <span className="problem-path">
                    <span className="problem-dir">{ltr(`${folderLabel(seq)}/`)}</span>
                    <span className="problem-pattern">{seq.pattern}</span>
                  </span>
                  <span className="problem-range">{rangeLabel(seq)}</span>
                  <span className="problem-what">
                    {problems.map((text) => (
                      <span key={text} className="problem-flag">
                        {text}
                      </span>
                    ))}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {total > shown.length && shown.length > 0 && (
        <p className="card-note">
          Showing {formatCount(shown.length)} of {formatCount(total)}.
        </p>
      )}
    </section>
  );
}
