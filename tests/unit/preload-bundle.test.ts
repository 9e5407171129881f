/**
 * The sandboxed preload can require nothing but electron, and electron-vite leaves every dependency (zod
 * included) external to it. So what the preload reaches (the IPC table in src-shared) must bundle in whole.
 */
import { isAbsolute, resolve } from 'node:path';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';

describe('the preload bundle', () => {
  it('requires electron and nothing else', async () => {
    const bundle = await rolldown({
      input: resolve(import.meta.dirname, '../../src-preload/index.ts'),
      // Every bare import stays external, as a dependency would; only electron may be among them.
      external: (id) => !id.startsWith('.') && !isAbsolute(id),
      logLevel: 'silent',
    });
    const { output } = await bundle.generate({ format: 'cjs' });
    await bundle.close();
    const code = output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
    const required = new Set([...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((match) => match[2]));
    expect([...required]).toEqual(['electron']);
    expect(code).toContain('jobs:start-scan');
  });
});
