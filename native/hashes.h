// Every hash format of one byte stream from one read: xxh64, xxh3, xxh128 (xxHash, Debian's libxxhash-dev,
// inlined), md5, sha1 and sha512 (for C4 ids; OpenSSL's libcrypto). Which ones run is a bit mask whose bits
// follow src-shared/hash-formats.ts (the ASC MHL element order).
#ifndef WRANGLE_HASHES_H
#define WRANGLE_HASHES_H

#include <stddef.h>
#include <stdint.h>

enum {
  HASH_C4 = 1 << 0,  // computed as sha512; the C4 id (base58) is made from it in JS
  HASH_MD5 = 1 << 1,
  HASH_SHA1 = 1 << 2,
  HASH_XXH128 = 1 << 3,
  HASH_XXH3 = 1 << 4,
  HASH_XXH64 = 1 << 5,
  HASH_FORMAT_COUNT = 6,
};

// Longest hex digest (sha512: 128 characters) and its terminator.
#define HASH_HEX_MAX 129

typedef struct hash_set hash_set;

// A set computing the formats in `mask`; NULL when out of memory. Free with hashes_free.
hash_set* hashes_new(int mask);
void hashes_free(hash_set* set);
// Start again (same formats).
void hashes_reset(hash_set* set);
void hashes_update(hash_set* set, const void* data, size_t length);
// Feed `length` zero bytes (a sparse file's hole reads as zeros), without a caller buffer.
void hashes_update_zeros(hash_set* set, uint64_t length);
// The digest of format bit `format` (e.g. HASH_XXH64) as lowercase hex into `out`: "" when not computed.
// The set can still be updated afterwards (a digest does not end the stream).
void hashes_hex(const hash_set* set, int format, char out[HASH_HEX_MAX]);
int hashes_mask(const hash_set* set);

#endif
