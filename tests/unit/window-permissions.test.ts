/** The window grants notifications and clipboard writes, and nothing else a page may ask for. */
import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from '../../src-main/security/permissions';

describe('isPermissionGranted', () => {
  it('grants notifications and writing the clipboard', () => {
    expect(isPermissionGranted('notifications')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write')).toBe(true);
  });

  it('refuses reading the clipboard, devices and the rest', () => {
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'openExternal', 'hid', 'unknown'])
      expect(isPermissionGranted(permission)).toBe(false);
  });
});
