/** Which web permissions the window grants when its page asks (Electron's session permission request). */

/**
 * Notifications tell an artist a long job ended; clipboard writes on a click copy a sequence's missing frames
 * (reading the clipboard stays refused). Every other permission (camera, microphone, …) is refused.
 */
const GRANTED: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

/** True when the window may have `permission`. */
export function isPermissionGranted(permission: string): boolean {
  return GRANTED.has(permission);
}
