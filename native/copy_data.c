// The copy phase of a copy task (copy_task.h): the source's bytes on their way to every copy.
//
// Data moves in the kernel where it can: FICLONE (a reflink) on filesystems that share blocks, else
// copy_file_range, else sendfile (across filesystems), else read and write (also when verifying, because the
// source is hashed as it is read). Sparse sources keep their holes. A read of 0 bytes is the end of the file,
// whatever size was expected, and a source whose size or modified time moved while it was copied is
// reported, never published.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy_task_internal.h"
#include "fan_out.h"

#define CHUNK_BYTES (8u << 20)   // per kernel copy call: a few milliseconds of work

// What each pair of filesystems supports, learnt from the first file and remembered for the rest.
#define PAIRS 32
static struct {
  dev_t src, dst;
  int method;       // the kernel copy that works (2, 3 or 4)
  int no_reflink;
} pairs[PAIRS];
static int pair_count;
static pthread_mutex_t pairs_lock = PTHREAD_MUTEX_INITIALIZER;

static int pair_index(dev_t src, dev_t dst) {
  for (int i = 0; i < pair_count; i++)
    if (pairs[i].src == src && pairs[i].dst == dst) return i;
  if (pair_count == PAIRS) return -1;
  pairs[pair_count].src = src;
  pairs[pair_count].dst = dst;
  pairs[pair_count].method = 2;
  pairs[pair_count].no_reflink = src != dst;  // a reflink never crosses filesystems
  return pair_count++;
}

static void pair_get(dev_t src, dev_t dst, int* method, int* no_reflink) {
  pthread_mutex_lock(&pairs_lock);
  int i = pair_index(src, dst);
  *method = i < 0 ? 2 : pairs[i].method;
  *no_reflink = i < 0 ? src != dst : pairs[i].no_reflink;
  pthread_mutex_unlock(&pairs_lock);
}

static void pair_set(dev_t src, dev_t dst, int method, int no_reflink) {
  pthread_mutex_lock(&pairs_lock);
  int i = pair_index(src, dst);
  if (i >= 0) {
    if (method) pairs[i].method = method;
    if (no_reflink) pairs[i].no_reflink = 1;
  }
  pthread_mutex_unlock(&pairs_lock);
}

// Decide how the data moves, trying a reflink first where the filesystem may have one.
static _Thread_local dev_t hint_src = (dev_t)-1, hint_dst = (dev_t)-1;

void task_hint_devices(dev_t src, dev_t dst) {
  hint_src = src;
  hint_dst = dst;
}

static int hashing(const copy_task* t) {
  return t->src_hash != NULL;
}

static void choose_method(copy_task* t) {
  // Hashed, or going to several places: the bytes pass through us, read once.
  if (hashing(t) || t->out_count != 1) {
    t->method = 4;
    return;
  }
  int dst_fd = t->outs[0].fd;
  struct stat dst;
  // The copy thread said which filesystems this batch goes between: no fstat per file to learn it.
  if (t->src_st.st_dev == hint_src && hint_src != (dev_t)-1) {
    dst.st_dev = hint_dst;
  } else if (fstat(dst_fd, &dst) != 0) {
    t->method = 4;
    return;
  }
  int method, no_reflink;
  pair_get(t->src_st.st_dev, dst.st_dev, &method, &no_reflink);
  if (!no_reflink && !(t->flags & TASK_NO_REFLINK) && t->src_st.st_size > 0) {
    if (ioctl(dst_fd, FICLONE, t->src_fd) == 0) {
      t->method = 1;
      return;
    }
    if (errno == EOPNOTSUPP || errno == ENOTTY || errno == EINVAL || errno == EXDEV || errno == ENOSYS)
      pair_set(t->src_st.st_dev, dst.st_dev, 0, 1);
  }
  t->method = method;
}

static void downgrade(copy_task* t, int method) {
  struct stat dst;
  if (fstat(t->outs[0].fd, &dst) == 0) pair_set(t->src_st.st_dev, dst.st_dev, method, 0);
  t->method = method;
}

static int write_all(int fd, const unsigned char* data, size_t length, uint64_t offset) {
  while (length > 0) {
    ssize_t n = pwrite(fd, data, length, (off_t)offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += n;
    length -= (size_t)n;
    offset += (uint64_t)n;
  }
  return 0;
}

// The copy phase is over: was the source the same file from start to end?
static int copy_done(copy_task* t) {
  struct stat now;
  if (fstat(t->src_fd, &now) != 0) return TASK_ERROR(STAGE_COPY, errno);
  uint64_t size = (uint64_t)t->src_st.st_size;
  if ((uint64_t)now.st_size != size || now.st_mtim.tv_sec != t->src_st.st_mtim.tv_sec ||
      now.st_mtim.tv_nsec != t->src_st.st_mtim.tv_nsec || t->pos != size)
    return R_CHANGED;
  if (t->flags & TASK_HASH_ONLY) {
    t->phase = 2;
    return R_DONE;
  }
  // Holes at the end are no data: the size says where the file ends.
  if (t->sparse && t->method != 1)
    for (int i = 0; i < t->out_count; i++) {
      task_out* o = &t->outs[i];
      if (o->status == 0 && ftruncate(o->fd, (off_t)size) != 0) task_out_fail(o, TASK_ERROR(STAGE_COPY, errno));
    }
  if (task_live_outs(t) == 0) return task_first_failure(t);
  t->phase = (t->flags & TASK_VERIFY) ? 1 : 2;
  return t->phase == 2 ? R_DONE : R_MORE;
}

// Move over a hole up to `end`. Hashing its zeros takes time, so a long hole is taken in slices between
// which the deadline is checked; returns 1 when a slice was taken and the hole goes on.
static int skip_hole(copy_task* t, uint64_t end, uint64_t* advanced) {
  uint64_t gap = end - t->pos;
  int more = hashing(t) && gap > HOLE_SLICE_BYTES;
  if (more) gap = HOLE_SLICE_BYTES;
  if (hashing(t)) hashes_update_zeros(t->src_hash, gap);
  *advanced += gap;
  t->pos += gap;
  return more;
}

// One chunk on its way to the copies still going, side by side.
typedef struct {
  copy_task* t;
  const unsigned char* data;
  size_t length;
  int outs[TASK_MAX_OUTS];  // indexes into t->outs
} write_round;

static void write_one(void* ctx, int i) {
  write_round* w = ctx;
  task_out* o = &w->t->outs[w->outs[i]];
  if (write_all(o->fd, w->data, w->length, w->t->pos) != 0) task_out_fail(o, TASK_ERROR(STAGE_COPY, errno));
}

// Read once, hash once, write to every copy still going. A copy that fails (its disk is full, unplugged)
// is dropped; the others go on. -1 when the read itself failed (errno set).
static ssize_t read_fan_out(copy_task* t, uint64_t want) {
  if (want > BUFFER_BYTES) want = BUFFER_BYTES;
  unsigned char* data = task_buffer();
  if (!data) {
    errno = ENOMEM;
    return -1;
  }
  ssize_t n = pread(t->src_fd, data, want, (off_t)t->pos);
  if (n <= 0) return n;
  if (hashing(t)) hashes_update(t->src_hash, data, (size_t)n);
  if (t->flags & TASK_HASH_ONLY) return n;
  write_round w = {.t = t, .data = data, .length = (size_t)n};
  int count = 0;
  for (int i = 0; i < t->out_count; i++)
    if (t->outs[i].status == 0) w.outs[count++] = i;
  if (count > 1 && (size_t)n >= FAN_MIN_BYTES) {
    fan_run(count, write_one, &w);
  } else {
    for (int i = 0; i < count; i++) write_one(&w, i);
  }
  return n;
}

int task_copy_step(copy_task* t, uint64_t max_bytes, uint64_t deadline, uint64_t* advanced, uint64_t* written) {
  uint64_t size = (uint64_t)t->src_st.st_size;
  if (t->method == 0) {
    choose_method(t);
    if (t->method == 1) {
      *advanced += size - t->pos;
      t->pos = size;
      return copy_done(t);
    }
  }
  int dst_fd = t->outs[0].fd;  // the one destination of a kernel copy (methods 2 and 3)
  for (;;) {
    // The size it had when opened is reached: no call to read the end, copy_done compares the size again.
    if (!t->sparse && t->pos == size && size > 0) return copy_done(t);
    if (*written >= max_bytes || ((*advanced > 0 || *written > 0) && now_ns() >= deadline)) return R_MORE;
    if (t->sparse && t->seg_end == 0) {
      off_t data = lseek(t->src_fd, (off_t)t->pos, SEEK_DATA);
      if (data < 0) {
        if (errno != ENXIO) return TASK_ERROR(STAGE_COPY, errno);
        // No data after pos: the rest is a hole up to the size.
        if (t->pos < size && skip_hole(t, size, advanced)) continue;
        return copy_done(t);
      }
      if ((uint64_t)data > t->pos && skip_hole(t, (uint64_t)data, advanced)) continue;
      off_t hole = lseek(t->src_fd, data, SEEK_HOLE);
      if (hole < 0) return TASK_ERROR(STAGE_COPY, errno);
      if (hole <= data) return copy_done(t);
      t->seg_end = (uint64_t)hole;
      if (t->method == 3 && lseek(dst_fd, data, SEEK_SET) < 0) return TASK_ERROR(STAGE_COPY, errno);
      continue;
    }
    uint64_t want = CHUNK_BYTES;
    if (max_bytes - *written < want) want = max_bytes - *written;
    if (t->sparse && t->seg_end - t->pos < want) want = t->seg_end - t->pos;
    if (want == 0) want = 1;  // a zero budget still makes progress; the caller paces
    ssize_t n;
    if (t->method == 2) {
      loff_t in = (loff_t)t->pos, out = (loff_t)t->pos;
      n = copy_file_range(t->src_fd, &in, dst_fd, &out, want, 0);
      if (n < 0 && t->written == 0 && *written == 0 &&
          (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP || errno == EINVAL)) {
        downgrade(t, 3);
        if (lseek(dst_fd, (off_t)t->pos, SEEK_SET) < 0) return TASK_ERROR(STAGE_COPY, errno);
        continue;
      }
    } else if (t->method == 3) {
      off_t in = (off_t)t->pos;
      n = sendfile(dst_fd, t->src_fd, &in, want);
      if (n < 0 && t->written == 0 && *written == 0 && (errno == EINVAL || errno == ENOSYS)) {
        downgrade(t, 4);
        continue;
      }
    } else {
      n = read_fan_out(t, want);
      if (n > 0 && !(t->flags & TASK_HASH_ONLY) && task_live_outs(t) == 0) return task_first_failure(t);
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      return TASK_ERROR(STAGE_COPY, errno);
    }
    if (n == 0) return copy_done(t);  // the end of the file, whatever size was expected
    t->pos += (uint64_t)n;
    *advanced += (uint64_t)n;
    if (!(t->flags & TASK_HASH_ONLY)) {
      *written += (uint64_t)n;
      t->written += (uint64_t)n;
    }
    if (t->sparse && t->pos >= t->seg_end) t->seg_end = 0;
    // A file growing while it is copied would never end: it changed, stop now.
    if (t->pos > size) return R_CHANGED;
  }
}
