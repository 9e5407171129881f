/** A real ProgressServer per test, fed from memory, stopped after each test with whatever the test opened. */
import { afterEach } from 'vitest';
import { ProgressServer } from '../../src-main/progress/progress-server';
import type { ServerMessage } from '../../src-shared/progress-protocol';
import { MemoryFeed, testOptions } from './ws-client';

export interface ProgressServerFixture {
  /** Start a server with test options (and `overrides`) on a fresh feed. */
  start(overrides?: Parameters<typeof testOptions>[0]): Promise<ProgressServer>;
  /** The running server, if any. */
  readonly server: ProgressServer | undefined;
  /** Record a message in the feed and publish it, as the JobManager does. */
  emit(message: ServerMessage): void;
  /** Run `cleanup` (close a client, destroy a socket) after the test, before the server stops. */
  afterTest(cleanup: () => unknown): void;
}

/** Call once in a test file's top scope: registers the afterEach that stops the server. */
export function useProgressServer(): ProgressServerFixture {
  let server: ProgressServer | undefined;
  let feed = new MemoryFeed();
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
    await server?.stop();
    server = undefined;
  });
  return {
    async start(overrides = {}) {
      feed = new MemoryFeed();
      server = new ProgressServer(feed, testOptions(overrides));
      await server.start();
      return server;
    },
    get server() {
      return server;
    },
    emit(message) {
      feed.record(message);
      server?.publish(message);
    },
    afterTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
