/** The native menus: the items and shortcuts, Reload and developer tools only when not packaged. */
import { describe, expect, it, vi, type Mock } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const setApplicationMenu = vi.fn();
vi.mock('electron', () => ({
  app: { isPackaged: false },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu },
}));

const { installMenu, menuTemplate } = await import('../../src-main/electron/menu');

type Item = MenuItemConstructorOptions;

function submenuOf(template: Item[], label: string): Item[] {
  const menu = template.find((item) => item.label === label || item.role === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

const names = (items: Item[]): string[] =>
  items.filter((item) => item.type !== 'separator').map((item) => String(item.label ?? item.role));

function template(isPackaged: boolean, platform: NodeJS.Platform = 'linux') {
  const command = vi.fn();
  return { template: menuTemplate({ isPackaged, platform, command }), command };
}

describe('the application menu', () => {
  it('has File, Edit, View and Help in that order (and the app menu first on macOS)', () => {
    const labels = (t: Item[]) => t.map((item) => item.label ?? item.role);
    expect(labels(template(true).template)).toEqual(['File', 'editMenu', 'View', 'help']);
    expect(labels(template(true, 'darwin').template)).toEqual([
      'appMenu',
      'File',
      'editMenu',
      'View',
      'help',
    ]);
  });

  it('File: Scan Folder… (CmdOrCtrl+O), Copy or Move…, Quit (CmdOrCtrl+Q), each doing its job', () => {
    const { template: t, command } = template(true);
    const file = submenuOf(t, 'File');
    expect(names(file)).toEqual(['Scan Folder…', 'Copy or Move…', 'Quit']);
    const [scan, copy] = file;
    expect(scan?.accelerator).toBe('CmdOrCtrl+O');
    expect(file.find((item) => item.label === 'Quit')).toMatchObject({
      role: 'quit',
      accelerator: 'CmdOrCtrl+Q',
    });
    const click = (item: Item | undefined) => (item?.click as unknown as () => void)();
    click(scan);
    click(copy);
    expect(command.mock.calls).toEqual([['scan-folder'], ['copy-or-move']]);
  });

  it('Help > Keyboard Shortcuts opens the sheet, Help > About Wrangle the About panel', () => {
    const { template: t, command } = template(true);
    const [shortcuts, , about] = submenuOf(t, 'help');
    expect(shortcuts?.label).toBe('Keyboard Shortcuts');
    expect(about?.label).toBe('About Wrangle');
    (shortcuts?.click as unknown as () => void)();
    (about?.click as unknown as () => void)();
    expect(command.mock.calls).toEqual([['shortcuts'], ['about']]);
  });

  it('View: Reload and developer tools when not packaged, neither when packaged', () => {
    const dev = names(submenuOf(template(false).template, 'View'));
    expect(dev).toContain('reload');
    expect(dev).toContain('toggleDevTools');
    const packaged = names(submenuOf(template(true).template, 'View'));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('installMenu sends a chosen item to the window as onMenuCommand', () => {
    const send = vi.fn();
    const window = { isDestroyed: () => false, show: vi.fn(), webContents: { send } };
    installMenu(window as never);
    const installed = (setApplicationMenu as Mock).mock.calls[0]?.[0] as { template: Item[] };
    const [scan] = submenuOf(installed.template, 'File');
    (scan?.click as unknown as () => void)();
    expect(send).toHaveBeenCalledWith('app:menu-command', 'scan-folder');
    // Not packaged here (the mock's app): Reload is in.
    expect(names(submenuOf(installed.template, 'View'))).toContain('reload');
  });
});
