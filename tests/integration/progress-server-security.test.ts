/** The upgrade gate: token, Origin, Host, path and the connection cap, on a real socket. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useProgressServer } from '../helpers/progress-server-fixture';
import { newToken } from '../../src-main/progress/progress-server';
import { PROGRESS_PATH } from '../../src-shared/progress-protocol';
import { TestClient, upgradeStatus } from '../helpers/ws-client';

const fixture = useProgressServer();
const { start } = fixture;

/** Close `client` after the test. */
function keep(...opened: TestClient[]): void {
  for (const client of opened) fixture.afterTest(() => client.close());
}

async function refusedStatus(url: string, headers?: Record<string, string>): Promise<number> {
  try {
    keep(await TestClient.connect(url, { headers }));
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
  return 101;
}

/** Write a raw request head and return the status code of the reply's first line. */
async function rawStatus(port: number, head: string): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  fixture.afterTest(() => socket.destroy());
  socket.write(head);
  let text = '';
  for await (const chunk of socket) {
    text += String(chunk);
    if (text.includes('\r\n')) break;
  }
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? -1);
}

describe('ProgressServer upgrade checks', () => {
  it('makes a random base64url token and binds to 127.0.0.1 with the token in the url', async () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    const s = await start({ token });
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}${PROGRESS_PATH}?token=${token}`);
  });

  it('accepts the right token with no Origin (a non-browser client)', async () => {
    const s = await start();
    const client = await TestClient.connect(s.url);
    keep(client);
    client.send({ type: 'ping' });
    expect((await client.next()).type).toBe('pong');
    expect(s.clientCount).toBe(1);
  });

  it('refuses a wrong token with 401', async () => {
    const s = await start();
    expect(await refusedStatus(s.url.replace(/token=.*/, 'token=wrong'))).toBe(401);
    expect(await refusedStatus(s.url.replace(/token=.*/, 'token=test-token-012345678X'))).toBe(401);
  });

  it('refuses a missing or empty token with 401', async () => {
    const s = await start();
    expect(await refusedStatus(`ws://127.0.0.1:${s.port}${PROGRESS_PATH}`)).toBe(401);
    expect(await refusedStatus(`ws://127.0.0.1:${s.port}${PROGRESS_PATH}?token=`)).toBe(401);
  });

  it('refuses a foreign Origin with 403 and accepts an allowed one', async () => {
    const s = await start();
    expect(await refusedStatus(s.url, { Origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(s.url, { Origin: 'null' })).toBe(403);
    expect(await refusedStatus(s.url, { Origin: 'http://localhost:5173' })).toBe(101);
    expect(await refusedStatus(s.url, { Origin: 'app://wrangle' })).toBe(101);
  });

  it('refuses a Host other than 127.0.0.1:PORT or localhost:PORT with 403 (DNS rebinding)', async () => {
    const s = await start();
    const path = `${PROGRESS_PATH}?token=test-token-0123456789`;
    expect(await upgradeStatus(s.port, path, { Host: `evil.example:${s.port}` })).toBe(403);
    expect(await upgradeStatus(s.port, path, { Host: '127.0.0.1:1' })).toBe(403);
    expect(await upgradeStatus(s.port, path, { Host: `127.0.0.1:${s.port}` })).toBe(101);
    expect(await upgradeStatus(s.port, path, { Host: `localhost:${s.port}` })).toBe(101);
  });

  it('answers 404 off the protocol path and 426 to plain HTTP', async () => {
    const s = await start();
    expect(
      await upgradeStatus(s.port, '/other?token=test-token-0123456789', { Host: `127.0.0.1:${s.port}` }),
    ).toBe(404);
    const res = await fetch(`http://127.0.0.1:${s.port}${PROGRESS_PATH}`);
    expect(res.status).toBe(426);
  });

  it('answers 404 to plain HTTP off the protocol path', async () => {
    const s = await start();
    for (const path of ['/', '/other', '/api/v1/ws/extra', `/api/v1/w?token=test-token-0123456789`]) {
      const res = await fetch(`http://127.0.0.1:${s.port}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    // The query string does not change which path it is.
    expect((await fetch(`http://127.0.0.1:${s.port}${PROGRESS_PATH}?token=x`)).status).toBe(426);
  });

  it('answers 404 to a request target that is not a URL, as an upgrade or as plain HTTP, and keeps serving', async () => {
    const s = await start();
    const upgrade =
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const head = `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`;
    expect(await rawStatus(s.port, `${head}${upgrade}\r\n`)).toBe(404);
    expect(await rawStatus(s.port, `${head}\r\n`)).toBe(404);
    const client = await TestClient.connect(s.url);
    keep(client);
    client.send({ type: 'ping' });
    expect((await client.next()).type).toBe('pong');
  });

  it('refuses upgrades over the connection cap with 503, and admits again once one leaves', async () => {
    const s = await start({ maxConnections: 2 });
    const a = await TestClient.connect(s.url);
    const b = await TestClient.connect(s.url);
    keep(a, b);
    expect(await refusedStatus(s.url)).toBe(503);
    await a.close();
    await expect.poll(() => s.clientCount).toBe(1);
    expect(await refusedStatus(s.url)).toBe(101);
  });
});
