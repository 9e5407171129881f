/** The one window key listener for the table's global shortcuts: it matches, then runs what is registered. */
import { useEffect } from 'react';
import { hasShortcut, runShortcut } from './actions';
import { currentPlatform, shortcutFor } from './match';

/** True while a modal dialog is open (its own keys only, until it closes). */
function dialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Listen on the window (bubble phase: a focused control that handled the key first has the last word). */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const platform = currentPlatform();
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      const id = shortcutFor(event, platform, { dialogOpen: dialogOpen() });
      // Rescan keeps its own listener (FreshResults); the local ones are handled where they apply.
      if (!id || !hasShortcut(id)) return;
      if (event.repeat && id !== 'close') return;
      if (runShortcut(id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
