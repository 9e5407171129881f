/**
 * The context menu, drawn in the page (not the system's): an ARIA menu with its items as menuitems. Arrow
 * keys, Home and End move, Enter or Space runs, Esc closes and gives the focus back to the row; a click
 * outside, a scroll, the window losing focus or Tab closes it too. It opens where asked and flips to stay in
 * the window.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShortcutAction } from '../keyboard/actions';
import { menuStore, useMenu, type MenuItem, type OpenMenu } from './menu-store';

/** Keep this far from the window's edges. */
const MARGIN = 4;

/** The menu's top-left so it fits: flipped left or up at the window's edges, and clamped. */
export function placeMenu(
  x: number,
  y: number,
  width: number,
  height: number,
  viewport: { width: number; height: number },
): { left: number; top: number } {
  const fit = (at: number, size: number, room: number): number => {
    // Flipped, and still not inside: as close to the pointer as the window allows.
    const flipped = at + size + MARGIN > room ? at - size : at;
    const inside = flipped < MARGIN ? room - size - MARGIN : flipped;
    return Math.max(MARGIN, Math.min(inside, room - size - MARGIN));
  };
  return { left: fit(x, width, viewport.width), top: fit(y, height, viewport.height) };
}

/** Close the menu; `restore` gives the focus back to the row it was opened on. */
function closeMenu(menu: OpenMenu, restore: boolean): void {
  menuStore.getState().close();
  if (restore && menu.returnFocus?.isConnected) menu.returnFocus.focus();
}

export function ContextMenu() {
  const menu = useMenu();
  if (!menu) return null;
  return <MenuBody key={`${menu.x},${menu.y},${menu.label}`} menu={menu} />;
}

function MenuBody({ menu }: { menu: OpenMenu }) {
  const list = useRef<HTMLUListElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  const [current, setCurrent] = useState(() =>
    Math.max(
      0,
      menu.items.findIndex((item) => !item.disabledBecause),
    ),
  );

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const box = element.getBoundingClientRect();
    setPlace(placeMenu(menu.x, menu.y, box.width, box.height, { width: innerWidth, height: innerHeight }));
  }, [menu]);

  useEffect(() => {
    list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[current]?.focus();
  }, [current, place]);

  // Esc from anywhere (the global handler) closes the menu first.
  useShortcutAction('close', () => closeMenu(menu, true));

  useEffect(() => {
    const outside = (event: Event): void => {
      if (event.target instanceof Node && list.current?.contains(event.target)) return;
      closeMenu(menu, false);
    };
    const blur = (): void => closeMenu(menu, false);
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', outside, true);
    window.addEventListener('blur', blur);
    window.addEventListener('resize', blur);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', outside, true);
      window.removeEventListener('blur', blur);
      window.removeEventListener('resize', blur);
    };
  }, [menu]);

  const run = (item: MenuItem): void => {
    if (item.disabledBecause) return;
    closeMenu(menu, true);
    void item.run();
  };

  const move = (to: number): void => {
    const count = menu.items.length;
    setCurrent(((to % count) + count) % count);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        move(current + 1);
        break;
      case 'ArrowUp':
        move(current - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(menu.items.length - 1);
        break;
      case 'Enter':
      case ' ': {
        const item = menu.items[current];
        if (item) run(item);
        break;
      }
      case 'Escape':
        closeMenu(menu, true);
        break;
      case 'Tab':
        closeMenu(menu, true);
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <ul
      ref={list}
      className="context-menu"
      role="menu"
      aria-label={menu.label}
      style={
        place ? { left: place.left, top: place.top } : { left: menu.x, top: menu.y, visibility: 'hidden' }
      }
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {menu.items.map((item, i) => (
        <li
          key={item.label}
          role="menuitem"
          tabIndex={i === current ? 0 : -1}
          aria-disabled={item.disabledBecause ? true : undefined}
          title={item.disabledBecause}
          className="context-menu-item"
          onClick={() => run(item)}
          onPointerMove={() => i !== current && !item.disabledBecause && setCurrent(i)}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}
