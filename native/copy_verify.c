// The read-back phase of a copy task (copy_task.h): each copy read back from storage, hashed and compared
// with the source before it gets its name.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "copy_task_internal.h"
#include "fan_out.h"

// Make the read-back come from storage: flush the copy, ask the kernel to drop its pages, and check (with
// mincore, over the first 64 MB) that they are gone. 1 when that held; on tmpfs, say, it cannot.
#define RESIDENCY_SPAN (64u << 20)
static int drop_from_cache(int fd, uint64_t size) {
  if (fdatasync(fd) != 0) return 0;
  if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0) return 0;
  if (size == 0) return 1;
  size_t span = size < RESIDENCY_SPAN ? (size_t)size : RESIDENCY_SPAN;
  void* map = mmap(NULL, span, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) return 0;
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t pages = (span + page - 1) / page;
  unsigned char* resident = malloc(pages);
  int dropped = 0;
  if (resident && mincore(map, span, resident) == 0) {
    dropped = 1;
    for (size_t i = 0; i < pages && dropped; i++)
      if (resident[i] & 1) dropped = 0;
  }
  free(resident);
  munmap(map, span);
  return dropped;
}

// Read copy `o` back and hash it. In a sparse copy the holes are hashed as the zeros they read as, without
// reading them (a hole read fills the page cache with zero pages). R_MORE at the deadline, else R_DONE (with
// o->status set to R_MISMATCH when it differs) or an error.
static int verify_out(copy_task* t, task_out* o, uint64_t max_bytes, uint64_t deadline, unsigned char* data,
                      uint64_t* checked) {
  uint64_t size = (uint64_t)t->src_st.st_size;
  if (!o->reading_back) {
    o->reading_back = 1;
    o->cache_dropped = drop_from_cache(o->fd, size);
  }
  int moved = 0;
  while (o->verify_pos < size) {
    // Some progress on every call, however short its time or budget: a step must never spin in place.
    if (moved && (*checked >= max_bytes || now_ns() >= deadline)) return R_MORE;
    moved = 1;
    uint64_t want = BUFFER_BYTES;
    if (max_bytes - *checked < want) want = max_bytes > *checked ? max_bytes - *checked : 1;
    if (t->sparse) {
      if (o->verify_seg_end == 0) {
        off_t next = lseek(o->fd, (off_t)o->verify_pos, SEEK_DATA);
        if (next < 0 && errno != ENXIO) return TASK_ERROR(STAGE_VERIFY, errno);
        uint64_t found = next < 0 ? size : (uint64_t)next;
        if (found > o->verify_pos) {
          uint64_t gap = found - o->verify_pos;
          if (gap > HOLE_SLICE_BYTES) gap = HOLE_SLICE_BYTES;
          hashes_update_zeros(o->check, gap);
          o->verify_pos += gap;
          continue;
        }
        off_t hole = lseek(o->fd, next, SEEK_HOLE);
        if (hole < 0) return TASK_ERROR(STAGE_VERIFY, errno);
        o->verify_seg_end = (uint64_t)hole;
      }
      if (o->verify_seg_end - o->verify_pos < want) want = o->verify_seg_end - o->verify_pos;
    }
    ssize_t n = pread(o->fd, data, want, (off_t)o->verify_pos);
    if (n < 0) {
      if (errno == EINTR) continue;
      return TASK_ERROR(STAGE_VERIFY, errno);
    }
    if (n == 0) break;
    hashes_update(o->check, data, (size_t)n);
    o->verify_pos += (uint64_t)n;
    *checked += (uint64_t)n;
    if (t->sparse && o->verify_pos >= o->verify_seg_end) o->verify_seg_end = 0;
  }
  char copy[HASH_HEX_MAX];
  hashes_hex(o->check, t->check_format, copy);
  o->read_back = 1;
  if (o->verify_pos != size || strcmp(t->check_hex, copy) != 0) task_out_fail(o, R_MISMATCH);
  return R_DONE;
}

// One step of reading back the copies still going, side by side; each has its share of the byte budget.
typedef struct {
  copy_task* t;
  uint64_t max_bytes;
  uint64_t deadline;
  int outs[TASK_MAX_OUTS];  // indexes into t->outs
  int results[TASK_MAX_OUTS];
  uint64_t checked[TASK_MAX_OUTS];
} verify_round;

static void verify_one(void* ctx, int i) {
  verify_round* v = ctx;
  unsigned char* data = task_buffer();  // this thread's own
  v->results[i] = data ? verify_out(v->t, &v->t->outs[v->outs[i]], v->max_bytes, v->deadline, data, &v->checked[i])
                       : TASK_ERROR(STAGE_VERIFY, ENOMEM);
}

int task_verify_step(copy_task* t, uint64_t max_bytes, uint64_t deadline, uint64_t* checked) {
  if (t->check_hex[0] == '\0') hashes_hex(t->src_hash, t->check_format, t->check_hex);
  verify_round v = {.t = t, .deadline = deadline};
  int count = 0;
  for (int i = 0; i < t->out_count; i++)
    if (t->outs[i].status == 0 && !t->outs[i].read_back) v.outs[count++] = i;
  if (count > 0) {
    v.max_bytes = max_bytes / (uint64_t)count;
    if (v.max_bytes == 0) v.max_bytes = 1;
    if (count > 1 && (uint64_t)t->src_st.st_size >= FAN_MIN_BYTES) {
      fan_run(count, verify_one, &v);
    } else {
      for (int i = 0; i < count; i++) verify_one(&v, i);
    }
  }
  int more = 0;
  for (int i = 0; i < count; i++) {
    *checked += v.checked[i];
    if (v.results[i] == R_MORE) more = 1;
    if (v.results[i] < 0) task_out_fail(&t->outs[v.outs[i]], v.results[i]);
  }
  if (more) return R_MORE;
  if (task_live_outs(t) == 0) return task_first_failure(t);
  t->phase = 2;
  return R_DONE;
}
