// Growable buffers for the native lister: capacity doubles, so appending stays cheap.
#ifndef WRANGLE_GROW_H
#define WRANGLE_GROW_H

#include <stdlib.h>

// Make *data hold at least `needed` items of `width` bytes; 0 when out of memory (the buffer is kept).
static inline int grow(void** data, size_t* capacity, size_t needed, size_t width) {
  if (needed <= *capacity) return 1;
  size_t cap = *capacity ? *capacity : 64;
  while (cap < needed) cap *= 2;
  void* grown = realloc(*data, cap * width);
  if (!grown) return 0;
  *data = grown;
  *capacity = cap;
  return 1;
}

#endif
