#include "frame_buckets.h"

#include <stdlib.h>
#include <string.h>

#include "frame_name.h"
#include "frame_rules.h"
#include "grow.h"

// Up to 4 bytes of name[from, to) as one number (fewer when the span is shorter).
static uint32_t bytes_at(const unsigned char* name, size_t from, size_t to) {
  uint32_t value = 0;
  for (size_t i = from; i < to && i < from + 4; i++) value = (value << 8) | name[i];
  return value;
}

// A cheap hash of the lengths of prefix and suffix and a few bytes at their ends (names are compared
// exactly afterwards): hashing every byte cost more than the rest of the bucketing.
static uint32_t parts_hash(const unsigned char* name, size_t length, size_t start, size_t end) {
  uint32_t hash = (uint32_t)start * 0x9E3779B1u ^ (uint32_t)(length - end) * 0x85EBCA77u;
  hash = (hash ^ bytes_at(name, 0, start)) * 0xC2B2AE3Du;
  hash = (hash ^ bytes_at(name, start >= 4 ? start - 4 : 0, start)) * 0x27D4EB2Fu;
  hash = (hash ^ bytes_at(name, end, length)) * 0x165667B1u;
  hash = (hash ^ bytes_at(name, length >= end + 4 ? length - 4 : end, length)) * 0x9E3779B1u;
  return hash ^ (hash >> 15);
}

int frames_add(frame_collector* frames, const char* name, size_t length, double size) {
  frame_position at;
  if (!scan_frame(name, length, &at) || !frame_allowed(name, length, &at)) return 1;
  if (!grow((void**)&frames->names, &frames->names_capacity, frames->names_length + length, 1) ||
      !grow((void**)&frames->rows, &frames->capacity, frames->count + 1, sizeof(frame_row))) {
    return 0;
  }
  memcpy(frames->names + frames->names_length, name, length);
  uint32_t hash = parts_hash((const unsigned char*)name, length, at.start, at.end);
  frame_row* row = &frames->rows[frames->count++];
  row->name_offset = frames->names_length;
  row->name_length = (uint32_t)length;
  row->start = (uint32_t)at.start;
  row->end = (uint32_t)at.end;
  row->hash = hash;
  row->next = -1;
  row->padded = at.padded;
  row->in_sequence = 0;
  row->value = at.value;
  row->size = size;
  frames->names_length += length;
  return 2;
}

// Whether two rows have the same prefix and suffix.
static int same_parts(const frame_collector* frames, const frame_row* a, const frame_row* b) {
  if (a->hash != b->hash || a->start != b->start || a->name_length - a->end != b->name_length - b->end)
    return 0;
  const char* x = frames->names + a->name_offset;
  const char* y = frames->names + b->name_offset;
  return memcmp(x, y, a->start) == 0 && memcmp(x + a->end, y + b->end, a->name_length - a->end) == 0;
}

int frames_emit(napi_env env, frame_collector* frames, napi_value* lines) {
  *lines = NULL;
  size_t n = frames->count;
  if (n < 2) return 1;
  size_t mask = 15;
  while (mask < 2 * n) mask = mask * 2 + 1;
  if (!grow((void**)&frames->table, &frames->table_capacity, mask + 1, sizeof(int32_t)) ||
      !grow((void**)&frames->buckets, &frames->buckets_capacity, n, sizeof(frame_bucket)) ||
      !grow((void**)&frames->items, &frames->items_capacity, n, sizeof(frame_item))) {
    return 0;
  }
  int32_t* table = frames->table;
  frame_bucket* buckets = frames->buckets;
  size_t bucket_count = 0;
  memset(table, 0xff, (mask + 1) * sizeof(int32_t));  // -1: empty
  for (size_t r = 0; r < n; r++) {
    frame_row* row = &frames->rows[r];
    size_t slot = row->hash & mask;
    for (;;) {
      int32_t b = table[slot];
      if (b < 0) {
        table[slot] = (int32_t)bucket_count;
        buckets[bucket_count++] = (frame_bucket){(int32_t)r, (int32_t)r, 1};
        break;
      }
      if (same_parts(frames, &frames->rows[buckets[b].head], row)) {
        frames->rows[buckets[b].tail].next = (int32_t)r;
        buckets[b].tail = (int32_t)r;
        buckets[b].count++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }

  frames->lines.length = 0;
  for (size_t b = 0; b < bucket_count; b++) {
    if (buckets[b].count < 2) continue;  // a lone numbered file is never a sequence
    size_t count = 0;
    for (int32_t r = buckets[b].head; r >= 0; r = frames->rows[r].next) {
      const frame_row* row = &frames->rows[r];
      frames->items[count++] = (frame_item){row->value, row->size, (int)(row->end - row->start), row->padded, 0};
    }
    const frame_row* head = &frames->rows[buckets[b].head];
    const char* name = frames->names + head->name_offset;
    if (!append_sequences(&frames->lines, &frames->scratch, name, head->start, name + head->end,
                          head->name_length - head->end, frames->items, count)) {
      return 0;
    }
    count = 0;
    for (int32_t r = buckets[b].head; r >= 0; r = frames->rows[r].next)
      frames->rows[r].in_sequence = frames->items[count++].in_sequence;
  }
  if (frames->lines.length == 0) return 1;
  // The last line's newline is dropped, so splitting on newlines gives exactly one line per sequence.
  return napi_create_string_utf8(env, frames->lines.data, frames->lines.length - 1, lines) == napi_ok;
}

void frames_free(frame_collector* frames) {
  free(frames->names);
  free(frames->rows);
  free(frames->table);
  free(frames->buckets);
  free(frames->items);
  free(frames->lines.data);
  sequence_scratch_free(&frames->scratch);
  memset(frames, 0, sizeof *frames);
}

// Buffers past this many rows (a folder of 64k frames) are given back after the folder.
#define KEEP_ROWS 65536

void frames_reset(frame_collector* frames) {
  if (frames->capacity > KEEP_ROWS) frames_free(frames);
  frames->count = 0;
  frames->names_length = 0;
}
