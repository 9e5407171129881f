/** The slice of a WebSocket the progress client uses, met by both the browser's WebSocket and `ws`. */
import type { ProgressEndpoint } from '../../../../src-shared/ipc-channels';

/** `readyState` of an open socket (the same number in browsers and in `ws`). */
export const SOCKET_OPEN = 1;

/**
 * A minimal socket. Listeners go through addEventListener because method parameters compare bivariantly,
 * which lets the DOM's and `ws`'s own event types both satisfy these narrower ones.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

/** Opens a socket to a URL. */
export type SocketFactory = (url: string) => SocketLike;

/** The endpoint's URL with the per-launch token as the `token` query parameter. */
export function socketUrl(endpoint: Pick<ProgressEndpoint, 'url' | 'token'>): string {
  const join = endpoint.url.includes('?') ? '&' : '?';
  return `${endpoint.url}${join}token=${encodeURIComponent(endpoint.token)}`;
}
