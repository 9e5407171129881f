/**
 * Every keyboard shortcut in one table: the key handlers match against it, the controls' tooltips and
 * aria-keyshortcuts are written from it, and the Keyboard shortcuts sheet lists it.
 */

/** One shortcut's name. */
export type ShortcutId =
  | 'choose-folder'
  | 'find'
  | 'find-next'
  | 'type-ahead'
  | 'rescan'
  | 'pause'
  | 'delete-job'
  | 'context-menu'
  | 'close'
  | 'help';

/** One key combination: `key` is KeyboardEvent.key (letters lower case); `mod` is Cmd on macOS, Ctrl elsewhere. */
export interface KeyChord {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

export interface Shortcut {
  id: ShortcutId;
  /** The combinations that trigger it; the first is the one shown. Empty for what no chord can say. */
  chords: readonly KeyChord[];
  /** What the sheet shows instead of the chords ("Letters"). */
  keysText?: string;
  /** What it does, as the sheet and the tooltips say it. */
  label: string;
  /** Where it works. */
  where: string;
  /** It fires with the focus in a text field too (only Esc: everything else there is typing). */
  whileTyping?: boolean;
  /** It fires while a dialog is open (the others wait until it is closed). */
  inDialogs?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'choose-folder',
    chords: [{ key: 'o', mod: true }],
    label: 'Choose a folder to scan',
    where: 'Anywhere',
  },
  { id: 'find', chords: [{ key: 'f', mod: true }], label: 'Find in the folder tree', where: 'Results' },
  {
    id: 'find-next',
    chords: [{ key: 'Enter' }, { key: 'F3' }],
    label: 'Next match (with Shift: the previous one)',
    where: 'Find field',
    whileTyping: true,
  },
  {
    id: 'type-ahead',
    chords: [],
    keysText: 'Type a name',
    label: 'Jump to the next row whose name starts with what you type',
    where: 'Folder tree',
  },
  {
    id: 'rescan',
    chords: [{ key: 'r' }],
    label: 'Scan the shown folder again',
    // In the tree, letters jump to names (type-ahead).
    where: 'Results, outside the tree',
  },
  {
    id: 'pause',
    chords: [{ key: ' ' }],
    label: 'Pause or resume the open copy or move',
    where: 'Copy or move in progress',
    inDialogs: true,
  },
  {
    id: 'delete-job',
    chords: [{ key: 'Delete' }, { key: 'Backspace' }],
    label: 'Remove a finished job from the history (its files stay)',
    where: 'Jobs panel',
  },
  {
    id: 'context-menu',
    chords: [{ key: 'F10', shift: true }, { key: 'ContextMenu' }],
    label: 'Open the menu of the focused row (or right-click it)',
    where: 'Tree, problems, jobs',
  },
  {
    id: 'close',
    chords: [{ key: 'Escape' }],
    label: 'Close the dialog, menu or find field',
    where: 'Anywhere',
    whileTyping: true,
    inDialogs: true,
  },
  { id: 'help', chords: [{ key: '?' }], label: 'Show these keyboard shortcuts', where: 'Anywhere' },
];

/** The table's entry for `id`. */
export function shortcut(id: ShortcutId): Shortcut {
  const found = SHORTCUTS.find((entry) => entry.id === id);
  if (!found) throw new Error(`No shortcut ${id}.`);
  return found;
}
