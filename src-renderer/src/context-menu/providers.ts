/**
 * Who knows what a right-clicked row is: the tree, the problems and the jobs panel each register a provider
 * while they are shown; one listener asks them (newest first) for the element that was clicked or focused.
 */
import { useEffect, useRef } from 'react';
import type { MenuContent } from './menu-store';

/** The menu for `element` (the row clicked, or the focused row), or null when it is not this provider's. */
export type MenuProvider = (element: Element) => MenuContent | null;

const providers: MenuProvider[] = [];

/** The first menu any provider has for `element`. */
export function menuFor(element: Element): MenuContent | null {
  for (let i = providers.length - 1; i >= 0; i--) {
    const menu = providers[i]?.(element);
    if (menu && menu.items.length > 0) return menu;
  }
  return null;
}

/** Register `provider` while the component is mounted (the latest function is always the one asked). */
export function useMenuProvider(provider: MenuProvider): void {
  const latest = useRef(provider);
  useEffect(() => {
    latest.current = provider;
  });
  useEffect(() => {
    const entry: MenuProvider = (element) => latest.current(element);
    providers.push(entry);
    return () => {
      const at = providers.indexOf(entry);
      if (at >= 0) providers.splice(at, 1);
    };
  }, []);
}
