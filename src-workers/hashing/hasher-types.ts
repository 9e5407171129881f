/** What every hasher gives, native or JavaScript (see hasher.ts for the one to use). */
import type { HashValues } from '../../src-shared/hash-formats';

/** Several hash formats over one byte stream, each byte read once. */
export interface Hasher {
  update(data: Uint8Array): void;
  /** `n` zero bytes, as a sparse file's holes read. */
  updateZeros(n: number): void;
  /** One value per chosen format (c4: the C4 id). The stream can go on after a digest. */
  digest(): HashValues;
  /** Start a new stream with the same formats. */
  reset(): void;
}
