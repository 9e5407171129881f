/** A WebSocket stand-in for the renderer's ProgressClient tests: the test opens it, feeds it frames, fails it. */
import type { ClientMessage, ServerMessage } from '../../src-shared/progress-protocol';
import type { SocketLike } from '../../src-renderer/src/progress/client/socket';

/** A socket the test drives by hand: open it, feed it frames, fail it. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: ClientMessage[] = [];
  closedWith: { code?: number; reason?: string } | undefined;
  private readonly listeners = new Map<string, ((event: never) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.emit('open', {});
  }

  /** Deliver a frame: an object is sent as JSON, anything else as-is. */
  receive(frame: ServerMessage | string | Uint8Array): void {
    const data = typeof frame === 'string' || frame instanceof Uint8Array ? frame : JSON.stringify(frame);
    this.emit('message', { data });
  }

  /** The connection failed or the server closed it. */
  fail(code = 1006): void {
    this.emit('error', {});
    this.readyState = 3;
    this.emit('close', { code, reason: '' });
  }

  types(): string[] {
    return this.sent.map((m) => (m.type === 'subscribe' ? `subscribe:${m.batch_id}` : m.type));
  }

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (e: unknown) => void)(event);
  }
}
