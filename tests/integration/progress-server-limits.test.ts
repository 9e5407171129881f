/** Raw connections before the upgrade: half-open sockets are capped and timed out, and the token client still gets in. */
import { describe, expect, it } from 'vitest';
import { useProgressServer } from '../helpers/progress-server-fixture';
import { TestClient } from '../helpers/ws-client';
import { connectEventually, HalfOpenSockets, partialUpgrade } from './half-open-sockets';

const fixture = useProgressServer();

describe('ProgressServer raw connections', () => {
  it('closes a socket that sends nothing, or only part of its headers, within upgradeTimeoutMs', async () => {
    const s = await fixture.start({ upgradeTimeoutMs: 200 });
    const silent = new HalfOpenSockets();
    const partial = new HalfOpenSockets();
    fixture.afterTest(() => {
      silent.destroyAll();
      partial.destroyAll();
    });
    await silent.open(s.port, 3);
    await partial.open(s.port, 3, partialUpgrade(s.port));
    await expect.poll(() => silent.openCount + partial.openCount, { timeout: 10_000, interval: 50 }).toBe(0);
    // A client that finishes its upgrade is not cut by that deadline.
    const client = await TestClient.connect(s.url);
    fixture.afterTest(() => client.close());
    await new Promise((resolve) => setTimeout(resolve, 400));
    client.send({ type: 'ping' });
    expect((await client.next('pong', 5000)).type).toBe('pong');
  });

  it('holds at most maxConnections + maxPendingUpgrades raw sockets, and still serves the token client', async () => {
    const s = await fixture.start({ maxConnections: 4, maxPendingUpgrades: 8, upgradeTimeoutMs: 60_000 });
    const flood = new HalfOpenSockets();
    fixture.afterTest(() => flood.destroyAll());
    await flood.open(s.port, 150);
    await flood.open(s.port, 150, partialUpgrade(s.port));
    // The long timeout rules out expiry: the cap alone brings the flood down to what the server may hold.
    await expect.poll(() => flood.openCount, { timeout: 10_000, interval: 50 }).toBeLessThanOrEqual(12);
    const client = await connectEventually(s.url);
    fixture.afterTest(() => client.close());
    client.send({ type: 'ping' });
    expect((await client.next('pong', 5000)).type).toBe('pong');
    expect(flood.openCount).toBeLessThanOrEqual(12);
  });
});
