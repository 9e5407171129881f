/** The per-launch secret that guards the progress socket, and a constant-time check of it. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token: 32 bytes, base64url, safe in a query string. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `given` equals `expected`, compared in constant time whatever the lengths. */
export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  // Hashing first gives equal-length buffers, so neither the content nor the length leaks through timing.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
