/**
 * The side lists of a scan result: largest folders, largest files and errors. Each list scrolls, so each is a
 * Tab stop: the arrow keys and Page Up/Down then scroll it.
 */
import { countOf, formatBytes, formatCount } from '../../../src-shared/format';
import type { ScanResult } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';

/** `path` relative to `root` when it lies inside it. */
export function relative(root: string, path: string): string {
  const base = root.replace(/[\\/]+$/, '');
  if (path === base) return '.';
  if (path.startsWith(`${base}/`) || path.startsWith(`${base}\\`)) return path.slice(base.length + 1);
  return path;
}

/** Largest folders, with a bar relative to the largest. */
export function LargestFolders({ result }: { result: ScanResult }) {
  const max = Math.max(1, ...result.largest_dirs.map((dir) => dir.total_size));
  return (
    <section className="card">
      <h3 className="card-title">Largest folders</h3>
      {result.largest_dirs.length === 0 ? (
        <p className="card-empty">No folders below the root.</p>
      ) : (
        <ol role="list" aria-label="Largest folders" className="rank-list" tabIndex={0}>
          {result.largest_dirs.map((dir) => (
            <li role="listitem" key={dir.path} className="rank-item" title={dir.path}>
              <span className="rank-path">{ltr(relative(result.root, dir.path))}</span>
              <span className="rank-size">{formatBytes(dir.total_size)}</span>
              <span className="rank-sub">
                {countOf(dir.file_count, 'file')} · {countOf(dir.directory_count, 'folder')}
              </span>
              <span className="rank-bar" aria-hidden="true">
                <span style={{ width: `${(dir.total_size / max) * 100}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Largest files. */
export function LargestFiles({ result }: { result: ScanResult }) {
  const max = Math.max(1, ...result.largest_files.map((file) => file.size));
  return (
    <section className="card">
      <h3 className="card-title">Largest files</h3>
      {result.largest_files.length === 0 ? (
        <p className="card-empty">No files.</p>
      ) : (
        <ol role="list" aria-label="Largest files" className="rank-list" tabIndex={0}>
          {result.largest_files.map((file) => (
            <li role="listitem" key={file.path} className="rank-item" title={file.path}>
              <span className="rank-path">{ltr(relative(result.root, file.path))}</span>
              <span className="rank-size">{formatBytes(file.size)}</span>
              <span className="rank-bar" aria-hidden="true">
                <span style={{ width: `${(file.size / max) * 100}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Entries the scan could not read; says so when there are none. */
export function ErrorList({ result }: { result: ScanResult }) {
  const shown = result.errors.length;
  return (
    <section className="card">
      <h3 className="card-title">
        Errors{' '}
        {result.error_count > 0 && <span className="card-count">{formatCount(result.error_count)}</span>}
      </h3>
      <ul role="list" aria-label="Errors" className="error-list" tabIndex={0}>
        {shown === 0 ? (
          <li className="card-empty">No errors: every entry could be read.</li>
        ) : (
          result.errors.map((error, i) => (
            <li role="listitem" key={`${error.path}-${i}`} className="error-item">
              <span className="error-path" title={error.path}>
                {error.path}
              </span>
              <span className="error-message">
                <span className="error-code">{error.errno || error.code}</span> {error.message}
              </span>
            </li>
          ))
        )}
      </ul>
      {result.error_count > shown && shown > 0 && (
        <p className="card-note">
          Showing the first {formatCount(shown)} of {formatCount(result.error_count)}.
        </p>
      )}
    </section>
  );
}
