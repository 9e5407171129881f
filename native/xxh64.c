// XXH64 as its published specification describes it: four 64-bit lanes over 32-byte stripes, then the
// tail and an avalanche. Written here so hashing runs in the copy threads, next to the bytes.
#include "xxh64.h"

#include <string.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t read64(const unsigned char* p) {
  uint64_t v;
  memcpy(&v, p, 8);  // little-endian hosts only (x86-64, arm64), as the format is defined little-endian
  return v;
}

static inline uint32_t read32(const unsigned char* p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t input) {
  acc += input * P2;
  acc = rotl(acc, 31);
  return acc * P1;
}

static inline uint64_t merge(uint64_t acc, uint64_t lane) {
  acc ^= round64(0, lane);
  return acc * P1 + P4;
}

void xxh64_reset(xxh64_state* s, uint64_t seed) {
  memset(s, 0, sizeof(*s));
  s->seed = seed;
  s->v[0] = seed + P1 + P2;
  s->v[1] = seed + P2;
  s->v[2] = seed;
  s->v[3] = seed - P1;
}

static inline void stripe(uint64_t v[4], const unsigned char* p) {
  v[0] = round64(v[0], read64(p));
  v[1] = round64(v[1], read64(p + 8));
  v[2] = round64(v[2], read64(p + 16));
  v[3] = round64(v[3], read64(p + 24));
}

void xxh64_update(xxh64_state* s, const void* data, size_t length) {
  const unsigned char* p = data;
  s->total += length;
  if (s->pending_size + length < 32) {
    memcpy(s->pending + s->pending_size, p, length);
    s->pending_size += length;
    return;
  }
  if (s->pending_size) {
    size_t fill = 32 - s->pending_size;
    memcpy(s->pending + s->pending_size, p, fill);
    stripe(s->v, s->pending);
    p += fill;
    length -= fill;
    s->pending_size = 0;
  }
  // Lanes kept in locals: the compiler keeps them in registers for the hot loop.
  uint64_t v[4] = {s->v[0], s->v[1], s->v[2], s->v[3]};
  while (length >= 32) {
    stripe(v, p);
    p += 32;
    length -= 32;
  }
  memcpy(s->v, v, sizeof(v));
  memcpy(s->pending, p, length);
  s->pending_size = length;
}

void xxh64_update_zeros(xxh64_state* s, uint64_t length) {
  static const unsigned char zeros[65536];
  while (length > 0) {
    size_t piece = length < sizeof(zeros) ? (size_t)length : sizeof(zeros);
    xxh64_update(s, zeros, piece);
    length -= piece;
  }
}

uint64_t xxh64_digest(const xxh64_state* s) {
  uint64_t h;
  if (s->total >= 32) {
    h = rotl(s->v[0], 1) + rotl(s->v[1], 7) + rotl(s->v[2], 12) + rotl(s->v[3], 18);
    for (int i = 0; i < 4; i++) h = merge(h, s->v[i]);
  } else {
    h = s->seed + P5;
  }
  h += s->total;
  const unsigned char* p = s->pending;
  size_t left = s->pending_size;
  while (left >= 8) {
    h ^= round64(0, read64(p));
    h = rotl(h, 27) * P1 + P4;
    p += 8;
    left -= 8;
  }
  if (left >= 4) {
    h ^= (uint64_t)read32(p) * P1;
    h = rotl(h, 23) * P2 + P3;
    p += 4;
    left -= 4;
  }
  while (left > 0) {
    h ^= (uint64_t)(*p) * P5;
    h = rotl(h, 11) * P1;
    p++;
    left--;
  }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}
