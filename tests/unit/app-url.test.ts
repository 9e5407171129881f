/** app://wrangle/ serves the built renderer and nothing outside it. */
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, contentTypeOf, resolveAppAsset } from '../../src-main/security/app-url';

const RENDERER = '/opt/wrangle/out/renderer';

describe('resolveAppAsset', () => {
  it('maps app URLs to files in the renderer folder', () => {
    expect(resolveAppAsset(RENDERER, APP_ENTRY_URL)).toBe(`${RENDERER}/index.html`);
    expect(resolveAppAsset(RENDERER, 'app://wrangle/')).toBe(`${RENDERER}/index.html`);
    expect(resolveAppAsset(RENDERER, 'app://wrangle/assets/index-abc.js?v=1')).toBe(
      `${RENDERER}/assets/index-abc.js`,
    );
  });

  it.each([
    'app://wrangle/../main/index.js',
    'app://wrangle/%2e%2e/main/index.js',
    'app://wrangle/assets/..%2f..%2f..%2fmain%2findex.js',
    'app://wrangle/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fmain%2findex.js',
  ])('never leaves the renderer folder for %s', (url) => {
    const file = resolveAppAsset(RENDERER, url);
    expect(file === null || file.startsWith(`${RENDERER}/`)).toBe(true);
    expect(file).not.toBe('/opt/wrangle/out/main/index.js');
  });

  it.each([
    'app://wrangle/assets/%2e%2e%2f%2e%2e%2fmain%2findex.js',
    'app://wrangle/a%00b',
    'app://wrangle/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(RENDERER, url)).toBeNull();
  });

  it('names content types', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.bin')).toBe('application/octet-stream');
  });
});
