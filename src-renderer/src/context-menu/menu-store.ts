/** The one context menu open at a time: where, for what, its items, and where the focus goes back to. */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** One command of a menu. */
export interface MenuItem {
  label: string;
  run(): void | Promise<void>;
  /** Shown greyed out, with why in its tooltip. */
  disabledBecause?: string;
}

/** What a provider answers for a row: the menu's name (what it is about) and its items. */
export interface MenuContent {
  label: string;
  items: MenuItem[];
  /** Make the row the current one of its list (a right-click selects, as in a file manager). */
  select?: () => void;
}

/** An open menu. */
export interface OpenMenu extends MenuContent {
  /** Where it opens (the pointer, or under the focused row), in window coordinates. */
  x: number;
  y: number;
  /** Focus goes back here when the menu closes without moving it elsewhere. */
  returnFocus: HTMLElement | null;
}

interface MenuState {
  menu: OpenMenu | null;
  open(menu: OpenMenu): void;
  close(): void;
}

export const menuStore = createStore<MenuState>((set) => ({
  menu: null,
  open: (menu) => set({ menu }),
  close: () => set({ menu: null }),
}));

export function useMenu(): OpenMenu | null {
  return useStore(menuStore, (state) => state.menu);
}
