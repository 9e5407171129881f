/** Serves the built renderer on app://wrangle/ with the CSP on every response. */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../security/csp';
import { APP_SCHEME, contentTypeOf, resolveAppAsset } from '../security/app-url';

/** Must run before the app is ready: makes app:// a secure, standard scheme that fetch and WebSocket treat as an origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answer app:// requests from `rendererDir` only. */
export function serveRenderer(rendererDir: string, progressOrigin: string): void {
  const csp = contentSecurityPolicy(progressOrigin);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': csp },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
