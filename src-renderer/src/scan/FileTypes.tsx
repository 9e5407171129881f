/** The scan's breakdown by file type: a compact bar list of the extensions holding the most bytes. */
import { countOf, formatBytes } from '../../../src-shared/format';
import { NO_EXTENSION, OTHER_TYPES } from '../../../src-shared/file-types';
import type { ScanResult } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';

/** How many types the card shows; the result has up to 30 plus "other" (all in `scan --json`). */
const SHOWN = 12;

function label(ext: string): string {
  if (ext === NO_EXTENSION) return 'no extension';
  if (ext === OTHER_TYPES) return 'other types';
  return `.${ext}`;
}

export function FileTypes({ result }: { result: ScanResult }) {
  const types = result.file_types.slice(0, SHOWN);
  const total = Math.max(1, result.total_size);
  return (
    <section className="card" data-testid="file-types">
      <h3 className="card-title">By file type</h3>
      {types.length === 0 ? (
        <p className="card-empty">No files.</p>
      ) : (
        <ol role="list" aria-label="Files by type" className="rank-list">
          {types.map((type) => (
            <li
              role="listitem"
              key={type.ext}
              className="rank-item"
              data-testid="file-type"
              title={`${label(type.ext)}: ${countOf(type.count, 'file')}, ${formatBytes(type.bytes)}`}
            >
              <span className="rank-path">{ltr(label(type.ext))}</span>
              <span className="rank-size">{formatBytes(type.bytes)}</span>
              <span className="rank-sub">
                {countOf(type.count, 'file')} · {((type.bytes / total) * 100).toFixed(1)}%
              </span>
              <span className="rank-bar" aria-hidden="true">
                <span style={{ width: `${(type.bytes / total) * 100}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
