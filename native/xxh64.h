// xxHash64 (XXH64), streaming: the checksum camera-media tools use, computed as the bytes pass by.
#ifndef WRANGLE_XXH64_H
#define WRANGLE_XXH64_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t total;
  uint64_t v[4];
  unsigned char pending[32];
  size_t pending_size;
  uint64_t seed;
} xxh64_state;

void xxh64_reset(xxh64_state* state, uint64_t seed);
void xxh64_update(xxh64_state* state, const void* data, size_t length);
uint64_t xxh64_digest(const xxh64_state* state);
// Feed `length` zero bytes (a sparse file's hole reads as zeros).
void xxh64_update_zeros(xxh64_state* state, uint64_t length);

#endif
