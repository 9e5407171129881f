// A folder's frame files bucketed by prefix and suffix, then made into sequences, all in C: a scan with
// sequences makes no JS value per file. The C twin of src-shared/frame-buckets.ts and buildSequences.
#ifndef WRANGLE_FRAME_BUCKETS_H
#define WRANGLE_FRAME_BUCKETS_H

#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

#include "sequence_text.h"

typedef struct {
  size_t name_offset;  // into frame_collector.names
  uint32_t name_length;
  uint32_t start;  // frame span within the name
  uint32_t end;
  uint32_t hash;  // of the prefix and suffix
  int32_t next;   // next row of the same bucket, or -1
  int padded;
  int in_sequence;  // set by frames_emit: the file ended up in a sequence
  double value;
  double size;
} frame_row;

typedef struct {
  int32_t head;
  int32_t tail;
  uint32_t count;
} frame_bucket;

// One folder's frame files. Kept per thread and reused, so a folder costs no malloc once buffers have grown.
typedef struct {
  char* names;
  size_t names_length;
  size_t names_capacity;
  frame_row* rows;
  size_t count;
  size_t capacity;
  // Scratch for frames_emit.
  int32_t* table;
  size_t table_capacity;
  frame_bucket* buckets;
  size_t buckets_capacity;
  frame_item* items;
  size_t items_capacity;
  text_buffer lines;
  sequence_scratch scratch;
} frame_collector;

// Empty the collector for the next folder, keeping its buffers unless a huge folder grew them.
void frames_reset(frame_collector* frames);

// Note one regular file: 2 when it is kept as a frame, 1 when its name has no frame the rules allow (see
// frame_rules.h), 0 when out of memory.
int frames_add(frame_collector* frames, const char* name, size_t length, double size);

// The folder's sequences as one JS string of lines (see append_sequences), or *lines = NULL when there are
// none; marks each row that ended up in a sequence (in_sequence). Returns 0 on failure.
int frames_emit(napi_env env, frame_collector* frames, napi_value* lines);

void frames_free(frame_collector* frames);

#endif
