/** What the menus' items do: show in the file manager, copy text, scan, copy or move, forget a job. */
import { errorText, wrangle } from '../api';
import { rescan } from '../scan/rescan';
import { appStore } from '../store/app-store';
import { chooseDestination } from '../transfer/flow';
import type { MenuItem } from './menu-store';

function complain(text: string): void {
  appStore.getState().pushToast({ kind: 'error', text });
}

/** "Reveal in file manager": the file or folder, selected in the system's file manager. */
export function revealItem(path: string): MenuItem {
  return {
    label: 'Reveal in file manager',
    run: () =>
      wrangle()
        .revealPath(path)
        .then(() => undefined)
        .catch((error: unknown) => complain(`Could not show ${path}: ${errorText(error)}`)),
  };
}

/** An item that puts `text` on the clipboard. */
export function copyTextItem(label: string, text: string): MenuItem {
  return {
    label,
    run: () =>
      navigator.clipboard
        .writeText(text)
        .catch((error: unknown) => complain(`Could not copy to the clipboard: ${errorText(error)}`)),
  };
}

/** "Scan this folder": a new scan job, its modal open as for any scan. */
export function scanItem(path: string, label = 'Scan this folder'): MenuItem {
  return { label, run: () => rescan(path) };
}

/** "Copy to…" and "Move to…": the destination picker, then the options dialog, as the results' buttons do. */
export function transferItems(paths: string[]): MenuItem[] {
  return [
    { label: 'Copy to…', run: () => chooseDestination('copy', paths) },
    { label: 'Move to…', run: () => chooseDestination('move', paths) },
  ];
}

/** `path` joined to `name` with the separator `root` uses (a Windows root uses backslashes). */
export function joinPath(root: string, relative: string): string {
  if (relative === '') return root;
  const separator = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  const base = root.endsWith(separator) ? root.slice(0, -1) : root;
  return `${base}${separator}${relative.split('/').join(separator)}`;
}
