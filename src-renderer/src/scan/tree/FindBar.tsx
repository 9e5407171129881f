/**
 * The find field over the folder tree (Ctrl/Cmd+F): typing finds the first folder, sequence or file whose name
 * contains the text anywhere in the tree and selects it, opening the folders above it; Enter or F3 goes to the
 * next match, Shift+Enter or Shift+F3 to the previous one; Esc closes the field and returns to the tree.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { FoundFiles } from '../../../../src-shared/ipc-channels';
import type { ScanTree } from '../../../../src-shared/scan-tree';
import { wrangle } from '../../api';
import { useShortcutAction } from '../../keyboard/actions';
import { ariaKeys, chordText, currentPlatform, matchesWithShift, withKeys } from '../../keyboard/match';
import { shortcut } from '../../keyboard/shortcuts';
import type { FolderTreeHandle } from './FolderTree';
import { findMatches, matchCountText, stepMatch, targetKey } from './tree-find';
import { buildSequenceIndex, type TreeIndex } from './tree-model';

interface TreeFindProps {
  /** The scan whose file list is searched; null while a watch lays its own tree over the scan's. */
  batchId: string | null;
  tree: ScanTree;
  index: TreeIndex;
  treeRef: RefObject<FolderTreeHandle | null>;
}

/** `found` narrowed to the names that also contain `needle` (an answer for a shorter query, while typing on). */
function narrowed(found: FoundFiles | null, needle: string): FoundFiles | null {
  if (!found) return null;
  const lower = needle.toLowerCase();
  const folders = found.folders
    .map(({ folder, names, sizes }) => {
      const keep = names.flatMap((name, i) => (name.toLowerCase().includes(lower) ? [i] : []));
      return { folder, names: keep.map((i) => names[i] ?? ''), sizes: keep.map((i) => sizes[i] ?? 0) };
    })
    .filter((entry) => entry.names.length > 0);
  return { folders, truncated: found.truncated };
}

/** How long typing must pause before the host searches the file names. */
const FIND_DELAY_MS = 150;

/**
 * Files found by the host for one query (null when files cannot be searched). While the answer for what was
 * just typed is on its way, the answer for the text it extends stands in, narrowed: the matches do not flicker.
 */
function useFoundFiles(
  batchId: string | null,
  query: string,
): { found: FoundFiles | null; searching: boolean } {
  const [answer, setAnswer] = useState<{ query: string; found: FoundFiles | null } | null>(null);
  const needle = query.trim();
  useEffect(() => {
    if (!batchId || needle === '') return;
    let live = true;
    // One search once typing pauses, not one a keystroke: each reads the scan's whole file list on the host.
    const timer = setTimeout(() => {
      wrangle()
        .findFiles(batchId, needle)
        .then((found) => live && setAnswer({ query: needle, found }))
        .catch(() => live && setAnswer({ query: needle, found: null }));
    }, FIND_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [batchId, needle]);
  return useMemo(() => {
    if (answer?.query === needle) return { found: answer.found, searching: false };
    const searching = batchId !== null && needle !== '';
    const extends_ =
      answer && !answer.found?.truncated && needle.toLowerCase().includes(answer.query.toLowerCase());
    return { found: extends_ ? narrowed(answer.found, needle) : null, searching };
  }, [answer, needle, batchId]);
}

/** The find field, shown once Ctrl/Cmd+F (or its button) opens it. */
export function TreeFind({ batchId, tree, index, treeRef }: TreeFindProps) {
  const platform = currentPlatform();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const seqIndex = useMemo(() => buildSequenceIndex(tree), [tree]);
  const { found, searching } = useFoundFiles(batchId, query);
  const matches = useMemo(
    () => findMatches(tree, index, seqIndex, query, found),
    [tree, index, seqIndex, query, found],
  );

  const close = (): void => {
    setOpen(false);
    document.querySelector<HTMLElement>('.tree-scroller')?.focus();
  };

  useShortcutAction('find', () => {
    setOpen(true);
    // Already open: take the focus back to the field and select its text, as a browser's find does.
    input.current?.focus();
    input.current?.select();
  });
  useShortcutAction(
    'close',
    () => {
      // Esc in a dialog over the results belongs to the dialog.
      if (document.querySelector('[aria-modal="true"]')) return false;
      close();
    },
    open,
  );
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  // New matches: stay on the match shown if it is still one (the host's answer came), else go to the first.
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    const kept = shownKey.current === null ? -1 : matches.findIndex((m) => targetKey(m) === shownKey.current);
    const next = kept >= 0 ? kept : matches.length > 0 ? 0 : -1;
    setCurrent(next);
    const target = matches[next];
    shownKey.current = target ? targetKey(target) : null;
    if (target && kept < 0) treeRef.current?.revealMatch(target);
  }, [matches, treeRef]);

  const go = (step: 1 | -1): void => {
    const next = stepMatch(matches.length, current, step);
    const target = matches[next];
    if (!target) return;
    setCurrent(next);
    shownKey.current = targetKey(target);
    treeRef.current?.revealMatch(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (matchesWithShift(event.nativeEvent, 'find-next', platform)) {
      event.preventDefault();
      go(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  if (!open)
    return (
      <button
        type="button"
        className="btn btn-small find-open"
        title={withKeys('Find in the folder tree', 'find', platform)}
        aria-keyshortcuts={ariaKeys('find', platform)}
        onClick={() => setOpen(true)}
      >
        Find…
      </button>
    );
  const count = matchCountText(matches.length, current, query, searching);
  return (
    <div className="find-bar" role="search" aria-label="Find in the folder tree">
      <input
        ref={input}
        type="search"
        className="find-input"
        aria-label="Find in the folder tree"
        aria-keyshortcuts={ariaKeys('find', platform)}
        placeholder="Find a folder, sequence or file"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      <span className="find-count" role="status" aria-live="polite" data-testid="find-count">
        {count}
      </span>
      <button
        type="button"
        className="btn btn-small"
        title={`Previous match (${shortcut('find-next')
          .chords.map((chord) => chordText({ ...chord, shift: true }, platform))
          .join(' or ')})`}
        disabled={matches.length === 0}
        onClick={() => go(-1)}
      >
        Previous
      </button>
      <button
        type="button"
        className="btn btn-small"
        title={withKeys('Next match', 'find-next', platform)}
        aria-keyshortcuts={ariaKeys('find-next', platform)}
        disabled={matches.length === 0}
        onClick={() => go(1)}
      >
        Next
      </button>
      <button
        type="button"
        className="icon-btn close-btn"
        aria-label="Close find"
        title={withKeys('Close find', 'close', platform)}
        onClick={close}
      />
    </div>
  );
}
