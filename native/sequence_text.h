// One bucket's frames made into sequences and written as JSON lines: the C twin of buildSequences in
// src-shared/sequences.ts, so a scan turns a folder of frames into its sequences without a JS object per file.
#ifndef WRANGLE_SEQUENCE_TEXT_H
#define WRANGLE_SEQUENCE_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  double value;  // the frame number
  double size;
  int width;  // as written, minus sign included
  int padded;
  int in_sequence;  // set by append_sequences: the frame ended up in a sequence
} frame_item;

typedef struct {
  char* data;
  size_t length;
  size_t capacity;
} text_buffer;

// Scratch space reused from folder to folder.
typedef struct {
  int32_t* group_of;  // per item: its padding group, or -1
  size_t group_of_capacity;
  int32_t* members;
  size_t members_capacity;
  int32_t* order;
  size_t order_capacity;
  int32_t* slots;
  size_t slots_capacity;
  double* sizes;
  size_t sizes_capacity;
} sequence_scratch;

// Append the sequences among `items` (frames sharing prefix and suffix) to `out`, one line each: '1' when
// the sequence has missing, zero-byte or suspiciously small frames, else '0', then its JSON (a SequenceEntry
// without `dir`), then '\n'; marks the items that are in a sequence. Returns 0 when out of memory.
int append_sequences(text_buffer* out, sequence_scratch* scratch, const char* prefix, size_t prefix_length,
                     const char* suffix, size_t suffix_length, frame_item* items, size_t count);

void sequence_scratch_free(sequence_scratch* scratch);

#endif
