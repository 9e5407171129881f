/** The window's Content-Security-Policy: our own code only, and a socket only to the progress server. */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/security/csp';

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy('ws://127.0.0.1:40123');
  const directives = new Map(
    policy.split('; ').map((directive) => {
      const [name, ...values] = directive.split(' ');
      return [name, values];
    }),
  );

  it('denies by default and allows scripts and styles only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('lets the renderer connect to the progress server and nowhere else', () => {
    expect(directives.get('connect-src')).toEqual(['ws://127.0.0.1:40123']);
  });

  it('forbids framing, forms and base rewriting', () => {
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});
