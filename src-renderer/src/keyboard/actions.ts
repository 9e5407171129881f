/**
 * Who carries out each global shortcut now: components register what they do while they are mounted (the
 * results register Find, the transfer modal Pause). The latest registration wins, so the topmost thing open
 * (a find field above the results, a menu above both) answers Esc first.
 */
import { useEffect, useRef } from 'react';
import type { ShortcutId } from './shortcuts';

/** Does the shortcut's work; false when it did nothing (the next one down is asked), anything else when done. */
export type ShortcutAction = () => unknown;

const registered = new Map<ShortcutId, ShortcutAction[]>();

/** Run the newest action registered for `id`; true when one did something. */
export function runShortcut(id: ShortcutId): boolean {
  const stack = registered.get(id) ?? [];
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.() !== false) return true;
  return false;
}

/** True when something is registered for `id` (the sheet and tooltips do not need it; the global hook does). */
export function hasShortcut(id: ShortcutId): boolean {
  return (registered.get(id)?.length ?? 0) > 0;
}

/** Register `action` for `id` while the component is mounted and `enabled`. */
export function useShortcutAction(id: ShortcutId, action: ShortcutAction, enabled = true): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return;
    const entry: ShortcutAction = () => latest.current();
    const stack = registered.get(id) ?? [];
    registered.set(id, [...stack, entry]);
    return () => {
      registered.set(
        id,
        (registered.get(id) ?? []).filter((item) => item !== entry),
      );
    };
  }, [id, enabled]);
}
