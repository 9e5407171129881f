/** The renderer is served from app://wrangle/, not file://, so its Origin is ours alone (file:// sends "null"). */
import { extname, join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'wrangle';
/** The Origin the renderer's requests and WebSocket carry. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The file under `rendererDir` that an app:// URL names, or null for anything outside it or another host. */
export function resolveAppAsset(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname));
  // Never serve anything outside the renderer folder (../ tricks, encoded or not).
  return file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep) ? file : null;
}

/** Content type for a served file. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}
