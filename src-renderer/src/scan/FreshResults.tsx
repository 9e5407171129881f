/** Keeping results honest: Rescan (a button and the R key), and the "out of date" note after a transfer. */
import { useEffect } from 'react';
import { folderName } from '../api';
import { useApp } from '../store/app-store';
import { outOfDateBecause } from '../store/staleness';
import { rescan } from './rescan';

/** True when a key press belongs to something else: typing, a dialog, or a modified key. */
function notForUs(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  return target.closest('[role="dialog"], [role="alertdialog"]') !== null;
}

/** Rescan `root` when R is pressed anywhere but in a field or a dialog. */
function useRescanKey(root: string): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.key === 'r' || event.key === 'R') && !event.shiftKey && !notForUs(event)) {
        event.preventDefault();
        void rescan(root);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root]);
}

/** The header's Rescan button; it also owns the R shortcut while the results are shown. */
export function RescanButton({ root }: { root: string }) {
  useRescanKey(root);
  return (
    <button
      type="button"
      className="btn"
      aria-keyshortcuts="R"
      title={`Scan ${root} again (R)`}
      onClick={() => void rescan(root)}
    >
      Rescan
    </button>
  );
}

/** What the transfer was: "move of sh010 to DEST". */
function transferText(kind: string, root: string, destination: string | null): string {
  const what = `${kind} of ${folderName(root)}`;
  return destination ? `${what} to ${folderName(destination)}` : what;
}

/** A note under the header when a later copy or move changed the scanned folder; nothing otherwise. */
export function OutOfDateNote({ batchId, root }: { batchId: string; root: string }) {
  const culprit = useApp((state) => outOfDateBecause(state, batchId));
  const job = useApp((state) => (culprit ? state.jobs[culprit] : undefined));
  if (!culprit || !job) return null;
  const when = job.finished_at
    ? new Date(job.finished_at).toLocaleTimeString('en-GB', { timeStyle: 'short' })
    : '';
  return (
    <div className="stale-note" role="note" aria-label="Out of date" data-testid="out-of-date">
      <span className="stale-badge">Out of date</span>
      <span className="stale-text">
        A {transferText(job.kind, job.root, job.destination)} changed this folder{when && ` at ${when}`},
        after this scan.
      </span>
      <button type="button" className="btn btn-small" onClick={() => void rescan(root)}>
        Rescan
      </button>
    </div>
  );
}
