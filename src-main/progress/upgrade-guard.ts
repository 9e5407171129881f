/** The checks made on an HTTP upgrade before any WebSocket handshake: path, Host, Origin, token. */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { tokensMatch } from './token';

/** What the guard needs to know about the server. */
export interface UpgradeGuardOptions {
  path: string;
  port: number;
  token: string;
  allowedOrigins: readonly string[];
}

/** The guard's verdict: go ahead, or refuse with this HTTP status and reason. */
export type UpgradeVerdict = { ok: true } | { ok: false; status: number; reason: string };

/** The request target as a URL; undefined when it is not one (`GET http://[`), which must not throw in main. */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

/** Decide whether an upgrade request may become a WebSocket. */
export function checkUpgrade(req: IncomingMessage, options: UpgradeGuardOptions): UpgradeVerdict {
  const url = requestUrl(req);
  if (url?.pathname !== options.path) return { ok: false, status: 404, reason: 'Unknown path.' };

  // DNS rebinding: a hostile page whose name resolves to 127.0.0.1 still sends its own name as Host.
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${options.port}` && host !== `localhost:${options.port}`) {
    return { ok: false, status: 403, reason: 'Host not allowed.' };
  }

  // Browsers always send Origin; a request without one is a non-browser client, which the token guards.
  const origin = req.headers.origin;
  if (origin !== undefined && !options.allowedOrigins.includes(origin)) {
    return { ok: false, status: 403, reason: 'Origin not allowed.' };
  }

  if (!tokensMatch(url.searchParams.get('token'), options.token)) {
    return { ok: false, status: 401, reason: 'Missing or wrong token.' };
  }
  return { ok: true };
}

/** Answer an upgrade with a plain HTTP error and close the socket. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
