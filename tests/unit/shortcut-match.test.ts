/** The shortcut table's matcher: the platform's modifier, Shift on letters, typing in fields, dialogs, text. */
import { describe, expect, it } from 'vitest';
import {
  ariaKeys,
  chordText,
  currentPlatform,
  isTextField,
  keysText,
  matches,
  matchesWithShift,
  shortcutFor,
  type KeyPress,
} from '../../src-renderer/src/keyboard/match';
import { SHORTCUTS } from '../../src-renderer/src/keyboard/shortcuts';

/** A key press with no modifiers unless given. */
function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra };
}

/** A stand-in for a DOM element: `closest` finds the element itself when the selector names its tag. */
function element(tagName: string, attributes: { type?: string; role?: string } = {}) {
  const self = { tagName, type: attributes.type };
  return {
    closest: (selector: string) => {
      const names = selector.split(',').map((part) => part.trim());
      const byTag = names.includes(tagName.toLowerCase());
      const byRole = attributes.role !== undefined && names.includes(`[role="${attributes.role}"]`);
      return byTag || byRole ? self : null;
    },
  };
}

const closed = { dialogOpen: false };

describe('the shortcut matcher', () => {
  it('takes Ctrl as the modifier off macOS and Cmd on macOS, never the other one', () => {
    expect(matches(press('o', { ctrlKey: true }), 'choose-folder', 'other')).toBe(true);
    expect(matches(press('o', { metaKey: true }), 'choose-folder', 'other')).toBe(false);
    expect(matches(press('o', { metaKey: true }), 'choose-folder', 'mac')).toBe(true);
    expect(matches(press('o', { ctrlKey: true }), 'choose-folder', 'mac')).toBe(false);
    expect(matches(press('o'), 'choose-folder', 'other')).toBe(false);
    expect(matches(press('O', { ctrlKey: true, shiftKey: true }), 'choose-folder', 'other')).toBe(false);
    expect(matches(press('o', { ctrlKey: true, altKey: true }), 'choose-folder', 'other')).toBe(false);
  });

  it('does not take R with a modifier or Shift for rescan, and takes ? however it is typed', () => {
    expect(shortcutFor(press('r'), 'other', closed)).toBe('rescan');
    expect(shortcutFor(press('r', { ctrlKey: true }), 'other', closed)).toBeNull();
    expect(shortcutFor(press('r', { metaKey: true }), 'mac', closed)).toBeNull();
    expect(shortcutFor(press('R', { shiftKey: true }), 'other', closed)).toBeNull();
    expect(shortcutFor(press('?', { shiftKey: true }), 'other', closed)).toBe('help');
    expect(shortcutFor(press('?'), 'other', closed)).toBe('help');
    expect(shortcutFor(press('F10', { shiftKey: true }), 'other', closed)).toBe('context-menu');
    expect(shortcutFor(press('F10'), 'other', closed)).toBeNull();
  });

  it('ignores every shortcut but Esc while typing in a field', () => {
    const field = element('INPUT', { type: 'search' });
    expect(isTextField(field)).toBe(true);
    expect(shortcutFor(press('r', { target: field }), 'other', closed)).toBeNull();
    expect(shortcutFor(press('?', { target: field, shiftKey: true }), 'other', closed)).toBeNull();
    expect(shortcutFor(press(' ', { target: field }), 'other', closed)).toBeNull();
    expect(shortcutFor(press('Delete', { target: field }), 'other', closed)).toBeNull();
    expect(shortcutFor(press('o', { target: field, ctrlKey: true }), 'other', closed)).toBeNull();
    expect(shortcutFor(press('Escape', { target: field }), 'other', closed)).toBe('close');
    const area = element('TEXTAREA');
    expect(shortcutFor(press('r', { target: area }), 'other', closed)).toBeNull();
    // A checkbox takes no text: R there is still rescan.
    const box = element('INPUT', { type: 'checkbox' });
    expect(isTextField(box)).toBe(false);
    expect(shortcutFor(press('r', { target: box }), 'other', closed)).toBe('rescan');
  });

  it('leaves Space to a button, and only lets a dialog have its own shortcuts', () => {
    expect(shortcutFor(press(' ', { target: element('BUTTON') }), 'other', closed)).toBeNull();
    expect(shortcutFor(press(' ', { target: element('DIV') }), 'other', closed)).toBe('pause');
    const dialog = { dialogOpen: true };
    expect(shortcutFor(press(' ', { target: element('DIV') }), 'other', dialog)).toBe('pause');
    expect(shortcutFor(press('Escape'), 'other', dialog)).toBe('close');
    expect(shortcutFor(press('r'), 'other', dialog)).toBeNull();
    expect(shortcutFor(press('o', { ctrlKey: true }), 'other', dialog)).toBeNull();
  });

  it('writes chords for people and for aria-keyshortcuts, per platform', () => {
    expect(keysText('choose-folder', 'other')).toBe('Ctrl+O');
    expect(keysText('choose-folder', 'mac')).toBe('⌘O');
    expect(ariaKeys('choose-folder', 'other')).toBe('Control+O');
    expect(ariaKeys('choose-folder', 'mac')).toBe('Meta+O');
    expect(keysText('pause', 'other')).toBe('Space');
    expect(ariaKeys('pause', 'other')).toBe('Space');
    expect(keysText('context-menu', 'other')).toBe('Shift+F10 or Menu key');
    expect(chordText({ key: 'Escape' }, 'other')).toBe('Esc');
    expect(keysText('type-ahead', 'other')).toBe('Type a name');
    // Every entry of the table has something to show in the sheet.
    for (const entry of SHORTCUTS) expect(keysText(entry.id, 'other')).not.toBe('');
  });

  it("takes Shift+Enter and Shift+F3 as the find field's previous match, read from a real event's getters", () => {
    // As KeyboardEvent does: the fields are getters on the prototype, not own properties.
    class FakeEvent {
      constructor(
        private readonly k: string,
        private readonly shift: boolean,
      ) {}
      get key() {
        return this.k;
      }
      get shiftKey() {
        return this.shift;
      }
      get ctrlKey() {
        return false;
      }
      get metaKey() {
        return false;
      }
      get altKey() {
        return false;
      }
    }
    expect(matchesWithShift(new FakeEvent('F3', true), 'find-next', 'other')).toBe(true);
    expect(matchesWithShift(new FakeEvent('Enter', true), 'find-next', 'other')).toBe(true);
    expect(matchesWithShift(new FakeEvent('Enter', false), 'find-next', 'other')).toBe(true);
    expect(matchesWithShift(new FakeEvent('F4', true), 'find-next', 'other')).toBe(false);
    expect(matches(new FakeEvent('F3', true), 'find-next', 'other')).toBe(false);
  });

  it('tells macOS from the rest by userAgentData, else navigator.platform', () => {
    expect(currentPlatform({ platform: 'MacIntel', userAgent: '' })).toBe('mac');
    expect(currentPlatform({ platform: 'Linux x86_64', userAgent: '' })).toBe('other');
    const withData = { platform: '', userAgent: '', userAgentData: { platform: 'macOS' } };
    expect(currentPlatform(withData)).toBe('mac');
    expect(currentPlatform({ platform: 'Win32', userAgent: '' })).toBe('other');
  });
});
