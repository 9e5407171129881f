/**
 * Opens the context menu: a right-click on a row, or Shift+F10 / the Menu key on the focused one. A composite
 * widget (the tree, the problems list) keeps the focus on itself and names its current row with
 * aria-activedescendant; that row is the one the keyboard means.
 */
import { useEffect } from 'react';
import { currentPlatform, matches } from '../keyboard/match';
import { menuStore } from './menu-store';
import { menuFor } from './providers';

/** The row the focused element stands for. */
function focusedRow(focused: Element): Element {
  const id = focused.getAttribute('aria-activedescendant');
  return (id && document.getElementById(id)) || focused;
}

export function useContextMenus(): void {
  useEffect(() => {
    const platform = currentPlatform();
    const onContextMenu = (event: MouseEvent): void => {
      if (!(event.target instanceof Element)) return;
      // A keyboard-made contextmenu event (Shift+F10 in some browsers) comes without a pointer position.
      const fromKeyboard = event.button !== 2 && event.clientX === 0 && event.clientY === 0;
      const active = document.activeElement;
      const row = fromKeyboard && active ? focusedRow(active) : event.target;
      const menu = menuFor(row);
      if (!menu) return;
      event.preventDefault();
      const at = fromKeyboard ? row.getBoundingClientRect() : null;
      // A clicked row's list (the tree, a job's button) gets the focus back, else whatever had it.
      const owner = fromKeyboard
        ? null
        : event.target.closest<HTMLElement>('[tabindex]:not([tabindex="-1"]), button');
      const returnFocus =
        owner ?? (active instanceof HTMLElement && active !== document.body ? active : null);
      if (!fromKeyboard) menu.select?.();
      menuStore.getState().open({
        ...menu,
        x: at ? at.left + 24 : event.clientX,
        y: at ? at.bottom : event.clientY,
        returnFocus,
      });
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || !matches(event, 'context-menu', platform)) return;
      const active = document.activeElement;
      if (!active || active === document.body) return;
      const row = focusedRow(active);
      const menu = menuFor(row);
      if (!menu) return;
      event.preventDefault();
      const at = row.getBoundingClientRect();
      menuStore.getState().open({
        ...menu,
        x: at.left + 24,
        y: at.bottom,
        returnFocus: active instanceof HTMLElement ? active : null,
      });
    };
    document.addEventListener('contextmenu', onContextMenu);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('contextmenu', onContextMenu);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
}
