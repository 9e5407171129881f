// Where the frame is in a file name: the C twin of src-shared/frame-name.ts (same rules, on UTF-8 bytes).
#ifndef WRANGLE_FRAME_NAME_H
#define WRANGLE_FRAME_NAME_H

#include <stddef.h>

typedef struct {
  size_t start;  // first byte of the frame (its minus sign when negative)
  size_t end;    // just after its last digit
  double value;
  int padded;  // written with a leading zero, so it fits only its own width
  size_t extension;  // the extension's dot (compound extensions included), or n when there is none
} frame_position;

// 1 and fills `found` when `name` (n bytes) has a frame, else 0.
int scan_frame(const char* name, size_t n, frame_position* found);

#endif
