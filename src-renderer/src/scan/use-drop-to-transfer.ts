/** Drop-to-copy: folders dropped on a completed scan's results are offered a copy or move into its folder. */
import { useState, type DragEvent } from 'react';
import { DROP_ZONE_ATTRIBUTE, droppedPaths, mayHaveFiles } from '../hooks/use-folder-drop';
import { transferSetup } from '../transfer/setup-store';

/**
 * Dropping folders on a completed scan's results offers to copy or move them into its folder.
 * The zone attribute tells the window-wide drop handler to leave these drops alone (no scan).
 */
export function useDropToTransfer(destination: string, enabled: boolean) {
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
