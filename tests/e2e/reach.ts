/** Whether every control of a view can be seen and used in a small window: reach checks for zoom and size tests. */
import type { Locator, Page } from 'playwright';

/**
 * The buttons inside `scope` that cannot be brought fully into view: each is scrolled into view (as focus or a
 * wheel would bring it), then must lie inside the window and inside every ancestor that clips it. Returns one
 * line per button that fails, with its name and where it ended up.
 */
export async function unreachableButtons(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const problems: string[] = [];
    const buttons = root.querySelectorAll<HTMLElement>('button, [role="button"], a[href]');
    for (const button of buttons) {
      const style = getComputedStyle(button);
      if (style.display === 'none' || style.visibility === 'hidden' || button.closest('[hidden]')) continue;
      button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = button.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = (button.getAttribute('aria-label') ?? button.textContent ?? '').trim().slice(0, 60);
      const inside = (outer: { left: number; top: number; right: number; bottom: number }): boolean =>
        box.left >= outer.left - 1 &&
        box.top >= outer.top - 1 &&
        box.right <= outer.right + 1 &&
        box.bottom <= outer.bottom + 1;
      const where = `${Math.round(box.left)},${Math.round(box.top)} ${Math.round(box.width)}x${Math.round(box.height)}`;
      if (!inside({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight })) {
        problems.push(`${name}: outside the window at ${where}`);
        continue;
      }
      // The body's overflow scrolls the window itself (checked above), not a region of its own.
      for (let up = button.parentElement; up && up !== document.body; up = up.parentElement) {
        const overflow = getComputedStyle(up);
        if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue;
        const clip = up.getBoundingClientRect();
        const client = {
          left: clip.left + up.clientLeft,
          top: clip.top + up.clientTop,
          right: clip.left + up.clientLeft + up.clientWidth,
          bottom: clip.top + up.clientTop + up.clientHeight,
        };
        if (!inside(client)) {
          problems.push(`${name}: clipped by .${up.className.split(' ')[0]} at ${where}`);
          break;
        }
      }
    }
    return problems;
  });
}

/** How far the window scrolls sideways (0: nothing sticks out to the right). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The box of an element's text (a Range: text that overflows its box counts where it is drawn). */
export async function textBox(
  locator: Locator,
): Promise<{ left: number; top: number; right: number; bottom: number }> {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const box = range.getBoundingClientRect();
    return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
  });
}

/**
 * The buttons in `scope` whose visible part meets `box`, by name. A button scrolled out of its region is not
 * covered by anything: only what its scrolling ancestors show of it counts.
 */
export async function buttonsOver(
  scope: Locator,
  box: { left: number; top: number; right: number; bottom: number },
): Promise<string[]> {
  return scope.evaluate((root, target) => {
    const hits: string[] = [];
    for (const button of root.querySelectorAll<HTMLElement>('button, [role="button"]')) {
      const r = button.getBoundingClientRect();
      const b = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let up = button.parentElement; up && up !== document.body; up = up.parentElement) {
        const css = getComputedStyle(up);
        if (css.overflowX === 'visible' && css.overflowY === 'visible') continue;
        const clip = up.getBoundingClientRect();
        b.left = Math.max(b.left, clip.left + up.clientLeft);
        b.top = Math.max(b.top, clip.top + up.clientTop);
        b.right = Math.min(b.right, clip.left + up.clientLeft + up.clientWidth);
        b.bottom = Math.min(b.bottom, clip.top + up.clientTop + up.clientHeight);
      }
      if (b.right <= b.left || b.bottom <= b.top) continue;
      const meets =
        b.left < target.right && b.right > target.left && b.top < target.bottom && b.bottom > target.top;
      if (meets) hits.push((button.getAttribute('aria-label') ?? button.textContent ?? '').trim());
    }
    return hits;
  }, box);
}
