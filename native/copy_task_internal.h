// What the parts of one copy task share: copy_task.c (open, step, finish, close), copy_data.c (the copy
// phase) and copy_verify.c (the read-back). Not for the addon's other files: they use copy_task.h.
#ifndef WRANGLE_COPY_TASK_INTERNAL_H
#define WRANGLE_COPY_TASK_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include "copy_task.h"

#define BUFFER_BYTES (1u << 20)  // per read when bytes pass through us
#define HOLE_SLICE_BYTES (64u << 20)  // zeros hashed between deadline checks
// Writes and read-backs at least this big go to several destinations side by side (fan_out.h); smaller
// ones, one after another, cost less than waking a helper thread.
#define FAN_MIN_BYTES (128u << 10)

static inline uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

// This thread's BUFFER_BYTES for bytes that pass through user space (verify, hashing, read/write fallback);
// NULL when it cannot be had.
unsigned char* task_buffer(void);

// Give up on one copy: its space is freed at once (a full disk fills no further), the others go on.
void task_out_fail(task_out* o, int status);

// How many copies are still going.
int task_live_outs(const copy_task* t);

// Every copy failed: the first one's reason stands for the file.
int task_first_failure(const copy_task* t);

// The copy phase (copy_data.c): move the data on until max_bytes are written or the deadline passes. R_MORE
// (also when it ends with copies to read back: phase 1), R_DONE, R_CHANGED, or an error.
int task_copy_step(copy_task* t, uint64_t max_bytes, uint64_t deadline, uint64_t* advanced, uint64_t* written);

// The read-back phase (copy_verify.c): read the copies back and compare them with the source. R_MORE, R_DONE
// (phase 2; some copies may have failed), or the first failure when none is left.
int task_verify_step(copy_task* t, uint64_t max_bytes, uint64_t deadline, uint64_t* checked);

#endif
