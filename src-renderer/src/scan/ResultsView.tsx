/** The results region for `resultsBatch`: totals, the folder tree with its treemap, and the side lists. */
import { useMemo, useRef, useState } from 'react';
import { countOf, formatBytes, formatCount, formatDuration } from '../../../src-shared/format';
import { OTHER_TYPES } from '../../../src-shared/file-types';
import { hasProblems, type ScanResult } from '../../../src-shared/jobs';
import { folderName } from '../api';
import { EmptyState } from '../components/EmptyState';
import { useScanResult } from '../jobs/use-result';
import { appStore, useApp } from '../store/app-store';
import { useJob } from '../store/use-job';
import { chooseDestination } from '../transfer/flow';
import { VerifyAction } from '../verify/VerifyAction';
import { FileProblems } from './FileProblems';
import { LiveWatch } from '../watch/LiveWatch';
import { liveSummary } from '../watch/live-tree';
import { useLiveResults } from '../watch/use-live-results';
import { ProblemsView, type ProblemItem } from './ProblemsView';
import { OutOfDateNote, RescanButton } from './FreshResults';
import { ErrorList, LargestFiles, LargestFolders } from './ResultLists';
import { FileTypes } from './FileTypes';
import { FolderTree, type FolderTreeHandle } from './tree/FolderTree';
import { TreeFind } from './tree/FindBar';
import { useResultsMenus } from '../context-menu/use-results-menus';
import type { RowRef } from './tree/row-ref';
import { ROW_DIR } from './tree/tree-model';
import { Treemap } from './treemap/Treemap';
import { useDropToTransfer } from './use-drop-to-transfer';
import { useScanTree } from './use-scan-tree';

/** The main area: results when a job is selected, else the empty state. */
export function ResultsView() {
  const batchId = useApp((s) => s.resultsBatch);
  if (!batchId) return <EmptyState />;
  return <Results key={batchId} batchId={batchId} />;
}

function Results({ batchId }: { batchId: string }) {
  const { root, state, ended, failure } = useJob(batchId);
  const result = useScanResult(batchId, state === 'completed');
  const drop = useDropToTransfer(root, state === 'completed' && !!result);

  let body;
  if (state === 'failed') body = <p className="results-note error">Scan failed: {failure?.error}</p>;
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
        {ended && root !== '' && <RescanButton root={root} />}
        <button
          type="button"
          className="icon-btn close-btn"
          aria-label="Close results"
          onClick={() => appStore.getState().openResults(null)}
        />
      </header>
      <OutOfDateNote batchId={batchId} root={root} />
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

function CompletedResults({ batchId, result }: { batchId: string; result: ScanResult }) {
  const tree = useScanTree(batchId);
  const treeRef = useRef<FolderTreeHandle>(null);
  // The tree's selected row, which the treemap shows (and sets through the tree).
  const [treeActive, setTreeActive] = useState<RowRef>({ kind: ROW_DIR, id: 0, frame: -1 });
  const typeRanking = useMemo(
    () => result.file_types.map((type) => type.ext).filter((ext) => ext !== OTHER_TYPES),
    [result.file_types],
  );
  const scanTree = tree.status === 'ready' ? tree.tree : null;
  const watch = useLiveResults(result.root, scanTree);
  const live = watch.live;
  // While Watch is on, the tree, problems and totals are the watch's facts laid over the scan's.
  const shown = live ? { tree: live.tree, index: live.index } : tree.status === 'ready' ? tree : null;
  const facts = live && scanTree ? liveSummary(result, scanTree, live.tree) : result;
  const files = useMemo(() => ({ batchId, live: live ?? undefined }), [batchId, live]);
  useResultsMenus(shown?.tree ?? null, treeRef);
  const treeSequences = shown ? shown.tree.sequences : null;
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
          <dd>{formatBytes(facts.total_size)}</dd>
        </div>
        <div>
          <dt>Files</dt>
          <dd>{countOf(facts.file_count, 'file')}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd>{countOf(facts.directory_count, 'folder')}</dd>
        </div>
        <div>
          <dt>Sequences</dt>
          <dd data-testid="sequence-totals">
            {countOf(facts.sequence_count, 'sequence')},{' '}
            <span className={facts.problem_sequence_count > 0 ? 'warn' : ''}>
              {formatCount(facts.problem_sequence_count)} with problems
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
          <dt>{live ? 'Live' : 'Scanned'}</dt>
          <dd>
            {live
              ? 'from Watch, as files change'
              : `${new Date(result.scanned_at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })} in ${formatDuration(result.duration_ms)}`}
          </dd>
        </div>
      </dl>
      <LiveWatch watch={watch} />
      <ProblemsView
        problems={problems}
        total={problemTotal}
        root={result.root}
        onReveal={(index) => treeRef.current?.revealSequence(index)}
      />
      <FileProblems result={result} />
      <div className="results-grid">
        <div className="tree-pair">
          <div className="tree-pair-grid">
            <section className="card tree-card">
              <h3 className="card-title">Folders by size</h3>
              {shown && (
                <TreeFind
                  batchId={live ? null : batchId}
                  tree={shown.tree}
                  index={shown.index}
                  treeRef={treeRef}
                />
              )}
              {shown ? (
                <FolderTree
                  // A removal shifts the indices after it: start the tree afresh rather than open the wrong rows.
                  key={live?.removedKey ?? ''}
                  ref={treeRef}
                  files={files}
                  tree={shown.tree}
                  index={shown.index}
                  onOpenFolders={watch.setOpenFolders}
                  onActiveChange={setTreeActive}
                />
              ) : (
                <p className="card-empty">
                  {tree.status === 'error'
                    ? `Could not load the folder tree: ${tree.error}`
                    : tree.status === 'missing'
                      ? 'The folder tree of this scan is not available.'
                      : 'Loading folder tree…'}
                </p>
              )}
            </section>
            {shown && (
              <section className="card treemap-card" aria-labelledby="treemap-title">
                <h3 className="card-title" id="treemap-title">
                  Treemap
                </h3>
                <Treemap
                  key={live?.removedKey ?? ''}
                  tree={shown.tree}
                  index={shown.index}
                  files={files}
                  typeRanking={typeRanking}
                  selected={treeActive}
                  onSelect={(row) => treeRef.current?.reveal(row)}
                />
              </section>
            )}
          </div>
        </div>
        <div className="side-lists">
          <LargestFolders result={result} />
          <LargestFiles result={result} />
          <FileTypes result={result} />
          <ErrorList result={result} />
        </div>
      </div>
    </>
  );
}
