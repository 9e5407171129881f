/** Focus for a modal dialog: moves in when it opens, back when it closes, and Tab stays inside. */
import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>(
      'button:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])',
    ),
  ).filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked));
}

/** Attach `ref` and `onKeyDown` to the dialog element (which needs tabIndex={-1}). */
export function useDialogFocus<T extends HTMLElement>(): {
  ref: RefObject<T | null>;
  onKeyDown(event: KeyboardEvent<T>): void;
} {
  const ref = useRef<T>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  const onKeyDown = useCallback((event: KeyboardEvent<T>): void => {
    const dialog = ref.current;
    if (event.key !== 'Tab' || !dialog) return;
    const items = focusables(dialog);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }, []);
  return { ref, onKeyDown };
}
