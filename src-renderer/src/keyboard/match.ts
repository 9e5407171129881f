/**
 * Matching key presses against the shortcut table, and writing chords for people (tooltips, the sheet) and for
 * assistive technology (aria-keyshortcuts). Pure: the platform and the event are passed in.
 */
import { SHORTCUTS, shortcut, type KeyChord, type Shortcut, type ShortcutId } from './shortcuts';

/** Whose modifier `mod` means: Cmd on macOS, Ctrl elsewhere. */
export type Platform = 'mac' | 'other';

/** The platform this renderer runs on (userAgentData where there is one, else navigator.platform). */
export function currentPlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> = navigator): Platform {
  const data = (nav as { userAgentData?: { platform?: string } }).userAgentData;
  const name = data?.platform || nav.platform || nav.userAgent;
  return /mac|iphone|ipad/i.test(name) ? 'mac' : 'other';
}

/** The parts of a KeyboardEvent a match reads. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & {
  target?: unknown;
};

/** True when the key is a letter, whose Shift changes what it means (R is rescan, Shift+R is not). */
function isLetter(key: string): boolean {
  return key.length === 1 && key.toLowerCase() !== key.toUpperCase();
}

/** True when `press` is `chord` on `platform`, modifiers and all. */
export function matchesChord(press: KeyPress, chord: KeyChord, platform: Platform): boolean {
  const mod = platform === 'mac' ? press.metaKey : press.ctrlKey;
  const other = platform === 'mac' ? press.ctrlKey : press.metaKey;
  if (press.altKey || other || mod !== (chord.mod ?? false)) return false;
  // A printed symbol such as ? needs Shift on some layouts and not on others: its key says it all.
  const shiftMatters = press.key.length > 1 || isLetter(press.key);
  if (shiftMatters && press.shiftKey !== (chord.shift ?? false)) return false;
  return press.key.length === 1
    ? press.key.toLowerCase() === chord.key.toLowerCase()
    : press.key === chord.key;
}

/** True when `press` is one of the shortcut's chords (never for Shift+Enter: see matchesWithShift). */
export function matches(press: KeyPress, id: ShortcutId, platform: Platform): boolean {
  return shortcut(id).chords.some((chord) => matchesChord(press, chord, platform));
}

/** True when `press` is one of the shortcut's chords, Shift or not (Shift+F3: the previous match). */
export function matchesWithShift(press: KeyPress, id: ShortcutId, platform: Platform): boolean {
  // Read field by field: a KeyboardEvent's keys are getters on its prototype, which a spread would lose.
  const { key, ctrlKey, metaKey, altKey } = press;
  return matches({ key, ctrlKey, metaKey, altKey, shiftKey: false }, id, platform);
}

/** The part of an event target these checks read (an Element; any object with `closest`). */
interface Closest {
  closest(selector: string): { tagName: string; type?: string } | null;
}

function asElement(target: unknown): Closest | null {
  return typeof (target as Closest | null)?.closest === 'function' ? (target as Closest) : null;
}

/** Input types that take no typed text. */
const NOT_TEXT = ['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'];

/** True when the element takes typed text: a text field, a text area, a select or editable content. */
export function isTextField(target: unknown): boolean {
  const field = asElement(target)?.closest(
    'input, textarea, select, [contenteditable=""], [contenteditable="true"]',
  );
  if (!field) return false;
  return field.tagName !== 'INPUT' || !NOT_TEXT.includes((field.type ?? 'text').toLowerCase());
}

/** True when the element does something of its own with Space or Enter (a button, a link, a checkbox…). */
export function isActivatable(target: unknown): boolean {
  return (
    asElement(target)?.closest(
      'button, a[href], input, select, textarea, summary, [role="button"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="tree"], [role="treeitem"], [role="option"]',
    ) != null
  );
}

/**
 * The global shortcut a key press asks for, or null: nothing while typing in a field (but Esc), nothing but
 * the dialog's own shortcuts while a dialog is open, and Space never on a control that Space presses.
 */
export function shortcutFor(
  press: KeyPress,
  platform: Platform,
  options: { dialogOpen: boolean },
  table: readonly Shortcut[] = SHORTCUTS,
): ShortcutId | null {
  const typing = isTextField(press.target);
  for (const entry of table) {
    if (!entry.chords.some((chord) => matchesChord(press, chord, platform))) continue;
    if (typing && !entry.whileTyping) continue;
    if (options.dialogOpen && !entry.inDialogs) continue;
    if (entry.id === 'pause' && isActivatable(press.target)) continue;
    return entry.id;
  }
  return null;
}

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
  ContextMenu: 'Menu key',
};

const MAC_SYMBOLS: Record<string, string> = { ' ': 'Space', Escape: 'Esc', Backspace: '⌫', Delete: '⌦' };

/** A chord as people read it: "Ctrl+O" or "⌘O", "Shift+F10", "Space". */
export function chordText(chord: KeyChord, platform: Platform): string {
  const key = chord.key.length === 1 && chord.key !== ' ' ? chord.key.toUpperCase() : chord.key;
  if (platform === 'mac') {
    const name = MAC_SYMBOLS[chord.key] ?? KEY_NAMES[chord.key] ?? key;
    return `${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${name}`;
  }
  const name = KEY_NAMES[chord.key] ?? key;
  return [chord.mod ? 'Ctrl' : '', chord.shift ? 'Shift' : '', name].filter(Boolean).join('+');
}

/** Every chord of a shortcut as text ("Enter or F3"), or its keysText. */
export function keysText(id: ShortcutId, platform: Platform): string {
  const entry = shortcut(id);
  if (entry.chords.length === 0) return entry.keysText ?? '';
  return entry.chords.map((chord) => chordText(chord, platform)).join(' or ');
}

/** A chord in aria-keyshortcuts syntax: "Control+O", "Meta+O", "Shift+F10", "Space". */
export function ariaChord(chord: KeyChord, platform: Platform): string {
  const key = chord.key === ' ' ? 'Space' : chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  return [chord.mod ? (platform === 'mac' ? 'Meta' : 'Control') : '', chord.shift ? 'Shift' : '', key]
    .filter(Boolean)
    .join('+');
}

/** The aria-keyshortcuts value of a shortcut (its chords, space-separated). */
export function ariaKeys(id: ShortcutId, platform: Platform): string {
  return shortcut(id)
    .chords.map((chord) => ariaChord(chord, platform))
    .join(' ');
}

/** A control's tooltip: "Choose folder… (Ctrl+O)". */
export function withKeys(text: string, id: ShortcutId, platform: Platform): string {
  return `${text} (${keysText(id, platform)})`;
}
