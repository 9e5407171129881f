/** Problems that are not sequences: empty (zero-byte) files and empty folders, each a list of its own kind. */
import { countOf, formatCount } from '../../../src-shared/format';
import type { ScanResult } from '../../../src-shared/jobs';
import { ltr } from '../components/path-text';
import { relative } from './ResultLists';

interface PathProblemsProps {
  root: string;
  /** "zero-byte file": what each path is. */
  noun: string;
  /** The first paths (the result carries a capped list) … */
  paths: readonly string[];
  /** … and how many there are in all. */
  count: number;
}

/** One kind: its count, its paths relative to the root, and how many are not listed. */
function PathProblems({ root, noun, paths, count }: PathProblemsProps) {
  const label = countOf(count, noun);
  return (
    <div className="file-problems" data-testid={`problems-${noun.replaceAll(' ', '-')}`}>
      <h4 className="problem-kind">{label}</h4>
      <ul role="list" aria-label={label} className="problem-list">
        {paths.map((path) => (
          <li role="listitem" key={path} className="problem-item" title={path}>
            <span className="problem-path">{ltr(relative(root, path))}</span>
          </li>
        ))}
      </ul>
      {count > paths.length && (
        <p className="card-note">
          Showing the first {formatCount(paths.length)} of {formatCount(count)}.
        </p>
      )}
    </div>
  );
}

/** Zero-byte files (frames of a sequence are its own problem) and empty folders; nothing when there are none. */
export function FileProblems({ result }: { result: ScanResult }) {
  if (result.zero_byte_file_count === 0 && result.empty_folder_count === 0) return null;
  return (
    <section className="card problems-card" role="region" aria-label="Empty files and folders">
      <h3 className="card-title">Empty files and folders</h3>
      {result.zero_byte_file_count > 0 && (
        <PathProblems
          root={result.root}
          noun="zero-byte file"
          paths={result.zero_byte_files}
          count={result.zero_byte_file_count}
        />
      )}
      {result.empty_folder_count > 0 && (
        <PathProblems
          root={result.root}
          noun="empty folder"
          paths={result.empty_folders}
          count={result.empty_folder_count}
        />
      )}
    </section>
  );
}
