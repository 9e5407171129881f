// Every hash format of one byte stream, from one pass over it (see hashes.h). A set owns all its state, so
// each copy thread can hash with its own sets and no locks; the only shared things are read-only: the zero
// block and OpenSSL's digest methods, fetched once.
#include "hashes.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// Header-only xxHash: every call is inlined here, so the addon needs no libxxhash at run time.
#define XXH_INLINE_ALL
#include <xxhash.h>

// Big updates are fed to each format a slice at a time, so the slice is still in the L2 cache when the
// next format reads it (one trip through memory, however many formats).
#define SLICE_BYTES (64 * 1024)
// Zeros for hashes_update_zeros: four pages, small enough to stay in the L1 cache while they are re-read.
#define ZERO_BYTES (16 * 1024)
static const unsigned char zero_block[ZERO_BYTES];

struct hash_set {
  // First: XXH3_state_t asks for 64-byte alignment (the set is allocated with it).
  XXH3_state_t xxh3;  // one XXH3 stream gives both xxh3 (64-bit) and xxh128: same state, same update
  XXH64_state_t xxh64;
  EVP_MD_CTX* md5;
  EVP_MD_CTX* sha1;
  EVP_MD_CTX* sha512;  // for C4
  int mask;
};

// OpenSSL 3 looks a digest up in its provider store on every init unless it is fetched once ahead; the
// lookup takes a lock that copy threads would fight over.
static EVP_MD* md5_method;
static EVP_MD* sha1_method;
static EVP_MD* sha512_method;
static pthread_once_t methods_once = PTHREAD_ONCE_INIT;

static void fetch_methods(void) {
  md5_method = EVP_MD_fetch(NULL, "MD5", NULL);
  sha1_method = EVP_MD_fetch(NULL, "SHA1", NULL);
  sha512_method = EVP_MD_fetch(NULL, "SHA512", NULL);
}

static int uses_xxh3(int mask) { return (mask & (HASH_XXH3 | HASH_XXH128)) != 0; }

// A started context for `method`, or NULL (out of memory, or OpenSSL without that digest).
static EVP_MD_CTX* new_context(const EVP_MD* method) {
  if (!method) return NULL;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  if (context && EVP_DigestInit_ex(context, method, NULL) == 1) return context;
  EVP_MD_CTX_free(context);
  return NULL;
}

hash_set* hashes_new(int mask) {
  pthread_once(&methods_once, fetch_methods);
  size_t size = (sizeof(hash_set) + 63) & ~(size_t)63;  // aligned_alloc wants a multiple of the alignment
  hash_set* set = aligned_alloc(64, size);
  if (!set) return NULL;
  memset(set, 0, sizeof(*set));
  set->mask = mask & ((1 << HASH_FORMAT_COUNT) - 1);
  if (((set->mask & HASH_MD5) && !(set->md5 = new_context(md5_method))) ||
      ((set->mask & HASH_SHA1) && !(set->sha1 = new_context(sha1_method))) ||
      ((set->mask & HASH_C4) && !(set->sha512 = new_context(sha512_method)))) {
    hashes_free(set);
    return NULL;
  }
  hashes_reset(set);
  return set;
}

void hashes_free(hash_set* set) {
  if (!set) return;
  EVP_MD_CTX_free(set->md5);
  EVP_MD_CTX_free(set->sha1);
  EVP_MD_CTX_free(set->sha512);
  free(set);
}

void hashes_reset(hash_set* set) {
  if (set->mask & HASH_XXH64) XXH64_reset(&set->xxh64, 0);
  if (uses_xxh3(set->mask)) XXH3_64bits_reset(&set->xxh3);
  // A NULL method restarts the context with the digest it already has.
  if (set->md5) EVP_DigestInit_ex(set->md5, NULL, NULL);
  if (set->sha1) EVP_DigestInit_ex(set->sha1, NULL, NULL);
  if (set->sha512) EVP_DigestInit_ex(set->sha512, NULL, NULL);
}

static void update_slice(hash_set* set, const void* data, size_t length) {
  if (set->mask & HASH_XXH64) XXH64_update(&set->xxh64, data, length);
  if (uses_xxh3(set->mask)) XXH3_64bits_update(&set->xxh3, data, length);
  if (set->md5) EVP_DigestUpdate(set->md5, data, length);
  if (set->sha1) EVP_DigestUpdate(set->sha1, data, length);
  if (set->sha512) EVP_DigestUpdate(set->sha512, data, length);
}

void hashes_update(hash_set* set, const void* data, size_t length) {
  const unsigned char* bytes = data;
  // One format alone gains nothing from slicing; several share each slice while it is in cache.
  int single = (set->mask & (set->mask - 1)) == 0;
  size_t slice = single ? length : SLICE_BYTES;
  while (length > 0) {
    size_t part = length < slice ? length : slice;
    update_slice(set, bytes, part);
    bytes += part;
    length -= part;
  }
}

void hashes_update_zeros(hash_set* set, uint64_t length) {
  while (length > 0) {
    size_t part = length < ZERO_BYTES ? (size_t)length : ZERO_BYTES;
    update_slice(set, zero_block, part);
    length -= part;
  }
}

static void to_hex(const unsigned char* bytes, size_t count, char* out) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < count; i++) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  out[2 * count] = '\0';
}

// An OpenSSL digest of the stream so far: finalized on a copy, so the stream itself goes on.
static void evp_hex(const EVP_MD_CTX* context, char out[HASH_HEX_MAX]) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_MD_CTX* copy = context ? EVP_MD_CTX_new() : NULL;
  if (copy && EVP_MD_CTX_copy_ex(copy, context) == 1 && EVP_DigestFinal_ex(copy, digest, &size) == 1)
    to_hex(digest, size, out);
  EVP_MD_CTX_free(copy);
}

void hashes_hex(const hash_set* set, int format, char out[HASH_HEX_MAX]) {
  out[0] = '\0';
  if (!(set->mask & format)) return;
  // xxHash digests print in their canonical (big-endian) byte order, as xxhsum and ASC MHL write them.
  switch (format) {
    case HASH_XXH64: {
      XXH64_canonical_t canonical;
      XXH64_canonicalFromHash(&canonical, XXH64_digest(&set->xxh64));
      to_hex(canonical.digest, sizeof(canonical.digest), out);
      break;
    }
    case HASH_XXH3: {
      XXH64_canonical_t canonical;
      XXH64_canonicalFromHash(&canonical, XXH3_64bits_digest(&set->xxh3));
      to_hex(canonical.digest, sizeof(canonical.digest), out);
      break;
    }
    case HASH_XXH128: {
      XXH128_canonical_t canonical;  // high 64 bits first
      XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(&set->xxh3));
      to_hex(canonical.digest, sizeof(canonical.digest), out);
      break;
    }
    case HASH_MD5:
      evp_hex(set->md5, out);
      break;
    case HASH_SHA1:
      evp_hex(set->sha1, out);
      break;
    case HASH_C4:
      evp_hex(set->sha512, out);
      break;
    default:
      break;
  }
}

int hashes_mask(const hash_set* set) { return set->mask; }
