/**
 * When a scan ends: a toast always, and an OS notification only when the window does not have focus.
 *
 * The page's real `window.Notification` is wrapped by an init script that records each notification's title
 * and body and then constructs the real one, so the app's code runs unchanged. Playwright emulates focus for
 * every page by default (document.hasFocus() is always true); the test turns that emulation off over CDP so
 * that opening a second page really takes the focus away, and bringToFront() really gives it back.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { buildShowTree, makeTempDir } from '../helpers/trees';
import { dropFolders } from './drop';
import { startHarness, type Harness } from './harness';
import { eventually, expectNoPageErrors, modalOf, waitForStatus } from './ui';

/** What the wrapper saw. */
interface Recorded {
  title: string;
  body: string;
  permission: string;
  /** The real constructor returned (it did not throw). */
  created: boolean;
}

/** Runs in the page before its scripts: wrap Notification, keeping its statics (permission, requestPermission). */
function recordNotifications(): void {
  const w = window as unknown as { __notifications: Recorded[]; Notification: typeof Notification };
  const Real = w.Notification;
  w.__notifications = [];
  class RecordingNotification extends Real {
    constructor(title: string, options?: NotificationOptions) {
      const entry = { title, body: options?.body ?? '', permission: Real.permission, created: false };
      w.__notifications.push(entry);
      super(title, options);
      entry.created = true;
    }
  }
  w.Notification = RecordingNotification;
}

async function recorded(page: Page): Promise<Recorded[]> {
  return page.evaluate(() => (window as unknown as { __notifications: Recorded[] }).__notifications.slice());
}

async function hasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.hasFocus());
}

describe('job end notifications', () => {
  let h: Harness;
  let dir: string;
  let other: Page | undefined;

  beforeAll(async () => {
    dir = makeTempDir('e2e-notify');
    h = await startHarness({
      beforeLoad: async (page, context) => {
        await context.grantPermissions(['notifications']);
        await page.addInitScript(recordNotifications);
      },
    });
    // Real focus, not Playwright's "every page is focused" emulation.
    const cdp = await h.page.context().newCDPSession(h.page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Drop a small show, wait for it to complete, and return the completion toast's text. */
  async function scan(name: string): Promise<{ root: string; toast: string }> {
    const root = join(dir, name);
    buildShowTree(root, { sequences: 1, shots: 2, versions: 1, frames: 4 });
    const { page } = h;
    await dropFolders(page, [root]);
    await waitForStatus(modalOf(page, root), 'Completed');
    const toast = page.getByRole('status').filter({ hasText: `Scan of ${name} completed` });
    await toast.waitFor();
    return { root, toast: (await toast.textContent()) ?? '' };
  }

  it('the page may notify: permission granted, the wrapper installed, and the window focused', async () => {
    const state = await h.page.evaluate(() => ({
      permission: Notification.permission,
      wrapped: Notification.name,
    }));
    expect(state).toEqual({ permission: 'granted', wrapped: 'RecordingNotification' });
    expect(await hasFocus(h.page)).toBe(true);
    expect(await recorded(h.page)).toEqual([]);
  });

  it('shows a toast and an OS notification naming the folder when the window is not focused', async () => {
    // Another page in the same browser takes the focus away from the app's page.
    other = await h.page.context().newPage();
    await other.goto('about:blank');
    expect(await hasFocus(h.page)).toBe(false);

    const { root, toast } = await scan('SHOW_AWAY');
    expect(toast).toContain('Scan of SHOW_AWAY completed');
    const seen = await recorded(h.page);
    expect(seen).toEqual([
      { title: 'Scan of SHOW_AWAY completed', body: root, permission: 'granted', created: true },
    ]);
    expect(await hasFocus(h.page)).toBe(false);
  });

  it('shows only the toast when the window is focused', async () => {
    await h.page.bringToFront();
    // Focus arrives a moment after bringToFront, later still on a loaded machine.
    expect(await eventually(() => hasFocus(h.page), Boolean)).toBe(true);
    const before = (await recorded(h.page)).length;

    await scan('SHOW_HERE');
    // The notification would be made in the same store update as the toast; give it a moment anyway.
    await h.page.waitForTimeout(500);
    expect(await hasFocus(h.page)).toBe(true);
    const seen = await recorded(h.page);
    expect(seen.length).toBe(before);
    expect(seen.some((n) => n.title.includes('SHOW_HERE'))).toBe(false);
    expectNoPageErrors(h.pageErrors);
  });
});
