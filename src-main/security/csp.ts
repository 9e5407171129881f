/** The renderer's Content-Security-Policy, shared by the Electron window and the e2e harness. */

/** Our own scripts and styles only; the socket may reach only the progress server (`ws://127.0.0.1:PORT`). */
export function contentSecurityPolicy(progressOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${progressOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
