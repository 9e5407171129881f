/** Raw TCP sockets that never finish an HTTP upgrade, as a local attacker opens them. Shared by the progress-server edge tests. */
import { connect, type Socket } from 'node:net';
import { PROGRESS_PATH } from '../../src-shared/progress-protocol';
import { TestClient } from '../helpers/ws-client';

/** Half-open sockets, and which of them the server has closed. */
export class HalfOpenSockets {
  readonly sockets: Socket[] = [];
  private readonly closed = new Set<Socket>();

  /** Open `count` sockets to `port`; each sends `greeting` (when given), then nothing. Resolves once each is connected or closed. */
  async open(port: number, count: number, greeting?: string): Promise<void> {
    const settled = Array.from({ length: count }, () => {
      const socket = connect(port, '127.0.0.1');
      this.sockets.push(socket);
      // The server may reset a socket it drops; that is expected here.
      socket.on('error', () => undefined);
      return new Promise<void>((resolve) => {
        socket.once('connect', () => {
          if (greeting) socket.write(greeting);
          resolve();
        });
        socket.once('close', () => {
          this.closed.add(socket);
          resolve();
        });
      });
    });
    await Promise.all(settled);
  }

  /** How many are still open on our side. */
  get openCount(): number {
    return this.sockets.length - this.closed.size;
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/** A request line and some headers, but never the blank line that ends them. */
export function partialUpgrade(port: number): string {
  return `GET ${PROGRESS_PATH}?token=guess HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n`;
}

/** Connect with the token, retrying for up to `withinMs` while the server sheds a flood. */
export async function connectEventually(url: string, withinMs = 30_000): Promise<TestClient> {
  const deadline = Date.now() + withinMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      // A connection parked in the listen backlog would otherwise wait forever for its 101.
      return await TestClient.connect(url, { handshakeTimeout: 5000 });
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`The client with the token was never served: ${String(lastError)}`);
}
