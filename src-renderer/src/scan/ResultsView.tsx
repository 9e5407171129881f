/** The results region for `resultsBatch`: totals, the folder tree and the side lists. */
import { useMemo, useRef, useState, type DragEvent } from 'react';
import { hasProblems, type ScanResult } from '../../../src-shared/jobs';
import { countOf, formatBytes, formatCount, formatDuration } from '../../../src-shared/format';
import { folderName } from '../api';
import { DROP_ZONE_ATTRIBUTE, droppedPaths, mayHaveFiles } from '../hooks/use-folder-drop';
import { useScanResult } from '../hooks/use-result';
import { useScanTree } from '../hooks/use-scan-tree';
import { appStore, useApp } from '../store/app-store';
import { chooseDestination } from '../transfer/flow';
import { transferSetup } from '../transfer/setup-store';
import { EmptyState } from './EmptyState';
import { effectiveState } from './job-labels';
import { ErrorList, LargestFiles, LargestFolders } from './ResultLists';
import { ProblemsView, type ProblemItem } from './ProblemsView';
import { VerifyAction } from './VerifyAction';
import { FolderTree, type FolderTreeHandle } from './tree/FolderTree';

/** The main area: results when a job is selected, else the empty state. */
export function ResultsView() {
  const batchId = useApp((s) => s.resultsBatch);
  if (!batchId) return <EmptyState />;
  return <Results key={batchId} batchId={batchId} />;
}

function Results({ batchId }: { batchId: string }) {
  const job = useApp((s) => s.jobs[batchId]);
  const snapshot = useApp((s) => s.snapshots[batchId]);
  const failure = useApp((s) => s.failures[batchId]);
  const state = effectiveState(job, snapshot);
  const result = useScanResult(batchId, state === 'completed');
  const root = job?.root ?? snapshot?.root ?? '';
  const drop = useDropToTransfer(root, state === 'completed' && !!result);

  let body;
  if (state === 'failed')
    body = <p className="results-note error">Scan failed: {failure?.error ?? job?.failure?.error}</p>;
  else if (state === 'cancelled') body = <p className="results-note">This scan was cancelled.</p>;
  else if (state !== 'completed') body = <p className="results-note">Scan in progress…</p>;
  else if (result === undefined) body = <p className="results-note">Loading results…</p>;
  else if (result === null)
    body = <p className="results-note">The results of this scan are no longer available.</p>;
  else body = <CompletedResults batchId={batchId} result={result} />;

  return (
    <section className="results" role="region" aria-label="Results" {...drop.zoneProps}>
      <header className="results-head">
        <div className="results-titles">
          <h2 className="results-title">{folderName(root)}</h2>
          <p className="results-root" title={root}>
            {root}
          </p>
        </div>
        {state === 'completed' && result && (
          <div className="results-actions">
            <VerifyAction batchId={batchId} root={root} />
            <button
              type="button"
              className="btn"
              title={`Copy ${root} into another folder`}
              onClick={() => void chooseDestination('copy', [root])}
            >
              Copy to…
            </button>
            <button
              type="button"
              className="btn"
              title={`Move ${root} into another folder`}
              onClick={() => void chooseDestination('move', [root])}
            >
              Move to…
            </button>
          </div>
        )}
        <button
          type="button"
          className="icon-btn close-btn"
          aria-label="Close results"
          onClick={() => appStore.getState().openResults(null)}
        />
      </header>
      {body}
      {drop.over && (
        <div className="results-drop-hint" data-testid="results-drop-hint" aria-hidden="true">
          <div className="drop-overlay-card">
            <span className="drop-icon" />
            <p>Drop to copy or move into {folderName(root)}</p>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * Dropping folders on a completed scan's results offers to copy or move them into its folder.
 * The zone attribute tells the window-wide drop handler to leave these drops alone (no scan).
 */
function useDropToTransfer(destination: string, enabled: boolean) {
  const [over, setOver] = useState(false);
  if (!enabled) return { over: false, zoneProps: {} };
  const accept = (event: DragEvent<HTMLElement>): boolean => {
    if (!mayHaveFiles(event.nativeEvent)) return false;
    event.preventDefault();
    const transfer = event.nativeEvent.dataTransfer;
    if (transfer) transfer.dropEffect = 'copy';
    setOver(true);
    return true;
  };
  return {
    over,
    zoneProps: {
      [DROP_ZONE_ATTRIBUTE]: '',
      onDragEnter: accept,
      onDragOver: accept,
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        const next = event.relatedTarget;
        if (!(next instanceof Node) || !event.currentTarget.contains(next)) setOver(false);
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        // No stopPropagation: the window handler sees the drop to reset its drag state, and skips the scan.
        event.preventDefault();
        setOver(false);
        const sources = droppedPaths(event.nativeEvent);
        if (sources.length > 0) transferSetup.getState().open('copy', sources, destination, true);
      },
    },
  };
}

function CompletedResults({ batchId, result }: { batchId: string; result: ScanResult }) {
  const tree = useScanTree(batchId);
  const treeRef = useRef<FolderTreeHandle>(null);
  const treeSequences = tree.status === 'ready' ? tree.tree.sequences : null;
  // The tree file has every sequence; the summary only the first MAX_REPORTED_SEQUENCES (problems first).
  const problems = useMemo((): ProblemItem[] => {
    const list: ProblemItem[] = [];
    if (treeSequences)
      treeSequences.forEach((seq, index) => {
        if (hasProblems(seq)) list.push({ seq, index });
      });
    else for (const seq of result.sequences) if (hasProblems(seq)) list.push({ seq, index: null });
    return list;
  }, [treeSequences, result.sequences]);
  const problemTotal = treeSequences ? problems.length : result.problem_sequence_count;
  return (
    <>
      <dl className="totals" data-testid="totals">
        <div>
          <dt>Total size</dt>
          <dd>{formatBytes(result.total_size)}</dd>
        </div>
        <div>
          <dt>Files</dt>
          <dd>{countOf(result.file_count, 'file')}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd>{countOf(result.directory_count, 'folder')}</dd>
        </div>
        <div>
          <dt>Sequences</dt>
          <dd data-testid="sequence-totals">
            {countOf(result.sequence_count, 'sequence')},{' '}
            <span className={result.problem_sequence_count > 0 ? 'warn' : ''}>
              {formatCount(result.problem_sequence_count)} with problems
            </span>
          </dd>
        </div>
        {result.symlink_count > 0 && (
          <div>
            <dt>Symlinks</dt>
            <dd>{countOf(result.symlink_count, 'symlink')}</dd>
          </div>
        )}
        <div>
          <dt>Errors</dt>
          <dd className={result.error_count > 0 ? 'warn' : ''}>{countOf(result.error_count, 'error')}</dd>
        </div>
        <div>
          <dt>Scanned</dt>
          <dd>
            {new Date(result.scanned_at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}{' '}
            in {formatDuration(result.duration_ms)}
          </dd>
        </div>
      </dl>
      <ProblemsView
        problems={problems}
        total={problemTotal}
        onReveal={(index) => treeRef.current?.revealSequence(index)}
      />
      <div className="results-grid">
        <section className="card tree-card">
          <h3 className="card-title">Folders by size</h3>
          {tree.status === 'ready' ? (
            <FolderTree ref={treeRef} tree={tree.tree} index={tree.index} />
          ) : (
            <p className="card-empty">
              {tree.status === 'loading'
                ? 'Loading folder tree…'
                : tree.status === 'missing'
                  ? 'The folder tree of this scan is not available.'
                  : `Could not load the folder tree: ${tree.error}`}
            </p>
          )}
        </section>
        <div className="side-lists">
          <LargestFolders result={result} />
          <LargestFiles result={result} />
          <ErrorList result={result} />
        </div>
      </div>
    </>
  );
}
