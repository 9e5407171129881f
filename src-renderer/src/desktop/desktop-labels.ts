/** The words of the desktop dialogs (quit confirmation, About), kept apart so they are unit-tested. */

/** The quit confirmation's question and what happens on yes, for `transfers` unfinished copies or moves. */
export function quitQuestion(transfers: number): { title: string; detail: string } {
  const title =
    transfers === 1
      ? '1 transfer is running. Quit and cancel it?'
      : `${transfers} transfers are running. Quit and cancel them?`;
  const detail =
    'Cancelled files are never left half-written under their real names; you can run the ' +
    (transfers === 1 ? 'transfer' : 'transfers') +
    ' again later.';
  return { title, detail };
}

/** What Wrangle does, in one line. */
export const ABOUT_SUMMARY =
  'Scan, copy and move VFX shot folders with live, honest progress: image sequences, verified offloads ' +
  'with ASC MHL history, and reports.';

/** Where to read more, as plain text (the window opens no links). */
export const ABOUT_LINKS: readonly { label: string; text: string }[] = [
  { label: 'Command line', text: 'npx wrangle --help' },
  { label: 'Documentation', text: 'README.md and docs/ in the source' },
];

/** "Version 0.1.0". */
export function versionLine(version: string): string {
  return `Version ${version}`;
}
