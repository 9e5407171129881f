/** Window-wide folder drop: tracks whether files are being dragged over, and reports dropped paths. */
import { useEffect, useRef, useState } from 'react';
import { wrangle } from '../api';

/** Marks an element that handles folder drops itself (e.g. the Results region's drop-to-copy). */
export const DROP_ZONE_ATTRIBUTE = 'data-drop-zone';

/** Whether a drag event happens over an element that handles drops itself. */
function inDropZone(event: DragEvent): boolean {
  const target = event.target;
  return target instanceof Element && target.closest(`[${DROP_ZONE_ATTRIBUTE}]`) !== null;
}

/** Whether a drag may carry files (an empty type list happens for synthetic drags; accept it). */
export function mayHaveFiles(event: DragEvent): boolean {
  const types = event.dataTransfer?.types;
  return !types || types.length === 0 || Array.from(types).includes('Files');
}

/** The file system paths of a drop's files; entries without a path are skipped. */
export function droppedPaths(event: DragEvent): string[] {
  const files = Array.from(event.dataTransfer?.files ?? []);
  const paths: string[] = [];
  for (const file of files) {
    try {
      const path = wrangle().pathForFile(file);
      if (path) paths.push(path);
    } catch {
      // Not a file from disk (e.g. dragged from a web page).
    }
  }
  return paths;
}

/** Listen for drags anywhere on the window (except drop zones); returns true while the "Drop folders to scan" overlay should show. */
export function useFolderDrop(onPaths: (paths: string[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const onPathsRef = useRef(onPaths);
  useEffect(() => {
    onPathsRef.current = onPaths;
  }, [onPaths]);

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent): void => {
      if (!mayHaveFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(!inDropZone(event));
    };
    const over = (event: DragEvent): void => {
      if (!mayHaveFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      // Over a drop zone the zone shows its own hint; the scan overlay would claim the wrong thing.
      setDragging(!inDropZone(event));
    };
    const leave = (event: DragEvent): void => {
      depth = Math.max(0, depth - 1);
      if (depth === 0 || event.relatedTarget === null) {
        depth = 0;
        setDragging(false);
      }
    };
    const drop = (event: DragEvent): void => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      // A drop zone handled this drop (a copy or move, not a scan).
      if (inDropZone(event)) return;
      onPathsRef.current(droppedPaths(event));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}
