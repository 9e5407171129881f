/** xxHash64 in WebAssembly (xxhash-wasm, bundled), for the Node fallback backend; the addon hashes in C. */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';

let api: Promise<XXHashAPI> | null = null;

/** The hasher, loaded once (a few ms). */
export function loadXxhash(): Promise<XXHashAPI> {
  api ??= xxhash();
  return api;
}
