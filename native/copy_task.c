// One file copied relative to directory descriptors, in bounded steps. See copy_task.h.
//
// Data moves in the kernel where it can: FICLONE (a reflink) on filesystems that share blocks, else
// copy_file_range, else sendfile (across filesystems), else read and write (also when verifying, because the
// source is hashed as it is read). Sparse sources keep their holes. A read of 0 bytes is the end of the file,
// whatever size was expected, and a source whose size or modified time moved while it was copied is
// reported, never published.
#define _GNU_SOURCE
#include "copy_task.h"
#include "fan_out.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <time.h>
#include <unistd.h>

#define CHUNK_BYTES (8u << 20)   // per kernel copy call: a few milliseconds of work
#define BUFFER_BYTES (1u << 20)  // per read when bytes pass through us
#define HOLE_SLICE_BYTES (64u << 20)  // zeros hashed between deadline checks
// Writes and read-backs at least this big go to several destinations side by side (fan_out.h); smaller
// ones, one after another, cost less than waking a helper thread.
#define FAN_MIN_BYTES (128u << 10)

static char temp_tag[128] = ".wrangle-part-";
static uint64_t temp_counter;

void task_set_temp_tag(const char* tag) {
  snprintf(temp_tag, sizeof(temp_tag), "%s", tag);
}

// ".<name><tag><n>", shortened at a UTF-8 character boundary to fit NAME_MAX.
void task_temp_name(char out[256], const char* name) {
  char tail[160];
  uint64_t n = __atomic_add_fetch(&temp_counter, 1, __ATOMIC_RELAXED);
  snprintf(tail, sizeof(tail), "%s%llu", temp_tag, (unsigned long long)n);
  size_t tail_length = strlen(tail);
  size_t length = strlen(name);
  size_t room = 255 - 1 - tail_length;
  if (length > room) {
    length = room;
    while (length > 0 && ((unsigned char)name[length] & 0xC0) == 0x80) length--;
  }
  out[0] = '.';
  memcpy(out + 1, name, length);
  memcpy(out + 1 + length, tail, tail_length + 1);
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static _Thread_local int thread_hash_mask = HASH_XXH64;

void task_set_hash_mask(int mask) {
  thread_hash_mask = mask ? mask : HASH_XXH64;
}

// Copies are read back with one format, the cheapest chosen: one proves the bytes, and xxh3 or xxh64 keep up
// with storage where md5, sha1 and sha512 would not.
static int check_format_of(int mask) {
  static const int cheapest_first[] = {HASH_XXH3, HASH_XXH64, HASH_XXH128, HASH_MD5, HASH_SHA1, HASH_C4};
  for (size_t i = 0; i < sizeof(cheapest_first) / sizeof(cheapest_first[0]); i++)
    if (mask & cheapest_first[i]) return cheapest_first[i];
  return HASH_XXH64;
}

// Per-thread buffer for bytes that pass through user space (verify, hashing, read/write fallback).
static _Thread_local unsigned char* thread_buffer;

static unsigned char* buffer(void) {
  if (!thread_buffer) thread_buffer = malloc(BUFFER_BYTES);
  return thread_buffer;
}

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

// 1: link an O_TMPFILE with AT_EMPTY_PATH (needs CAP_DAC_READ_SEARCH before Linux 6.10), 2: via /proc.
static int link_method;

static int link_tmpfile(int fd, int dir, const char* name) {
  int method = __atomic_load_n(&link_method, __ATOMIC_RELAXED);
  if (method != 2) {
    if (linkat(fd, "", dir, name, AT_EMPTY_PATH) == 0) {
      __atomic_store_n(&link_method, 1, __ATOMIC_RELAXED);
      return 0;
    }
    if (errno != ENOENT && errno != EPERM && errno != EINVAL) return -1;
  }
  char proc[64];
  snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
  if (linkat(AT_FDCWD, proc, dir, name, AT_SYMLINK_FOLLOW) != 0) return -1;
  __atomic_store_n(&link_method, 2, __ATOMIC_RELAXED);
  return 0;
}

int tmpfile_supported(int dir) {
  int fd = openat(dir, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return 0;
  char name[256];
  task_temp_name(name, "probe");
  int ok = link_tmpfile(fd, dir, name) == 0;
  if (ok) unlinkat(dir, name, 0);
  close(fd);
  return ok;
}

// Create destination `o`'s unnamed or temporary copy. 0 or an error.
static int out_create(copy_task* t, task_out* o, const char* name, int access) {
  if ((t->flags & TASK_TMPFILE) && !(t->flags & TASK_REPLACE)) {
    o->fd = openat(o->dir, ".", O_TMPFILE | access | O_CLOEXEC, 0600);
    if (o->fd >= 0) {
      o->tmpfile = 1;
      return 0;
    }
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return TASK_ERROR(STAGE_CREATE, errno);
  }
  task_temp_name(o->temp_name, name);
  o->fd = openat(o->dir, o->temp_name, O_CREAT | O_EXCL | access | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (o->fd < 0) {
    int err = errno;
    o->temp_name[0] = '\0';
    return TASK_ERROR(STAGE_CREATE, err);
  }
  return 0;
}

// Give up on one copy: its space is freed at once (a full disk fills no further), the others go on.
static void out_fail(task_out* o, int status) {
  if (o->status == 0) o->status = status;
  if (o->fd >= 0 && !o->published) {
    close(o->fd);
    o->fd = -1;
    if (!o->tmpfile && o->temp_name[0] != '\0') unlinkat(o->dir, o->temp_name, 0);
    o->temp_name[0] = '\0';
  }
}

static int live_outs(const copy_task* t) {
  int live = 0;
  for (int i = 0; i < t->out_count; i++) live += t->outs[i].status == 0;
  return live;
}

// Every copy failed: the first one's reason stands for the file.
static int first_failure(const copy_task* t) {
  for (int i = 0; i < t->out_count; i++)
    if (t->outs[i].status != 0) return t->outs[i].status;
  return TASK_ERROR(STAGE_COPY, EIO);
}

int task_out_status(const copy_task* t, int index) {
  if (index < 0 || index >= t->out_count) return TASK_ERROR(STAGE_PUBLISH, EINVAL);
  return t->outs[index].status;
}

int task_open(copy_task* t, int src_dir, const char* name, const int* dst_dirs, int out_count, int flags) {
  memset(t, 0, sizeof(*t));
  t->src_fd = -1;
  t->flags = flags;
  for (int i = 0; i < TASK_MAX_OUTS; i++) t->outs[i].fd = -1;
  // O_NONBLOCK: a FIFO swapped in for a file must not block the open; it is refused below.
  t->src_fd = openat(src_dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (t->src_fd < 0) return TASK_ERROR(STAGE_OPEN_SOURCE, errno);
  if (fstat(t->src_fd, &t->src_st) != 0) {
    int err = errno;
    task_close(t);
    return TASK_ERROR(STAGE_OPEN_SOURCE, err);
  }
  if (!S_ISREG(t->src_st.st_mode)) {
    task_close(t);
    return TASK_ERROR(STAGE_OPEN_SOURCE, EINVAL);
  }
  // O_NONBLOCK stays: it changes nothing for a regular file, and clearing it would cost a call per file.
  t->sparse = t->src_st.st_size > 0 && (uint64_t)t->src_st.st_blocks * 512 < (uint64_t)t->src_st.st_size;
  if (flags & (TASK_VERIFY | TASK_HASH_ONLY | TASK_HASH)) {
    t->check_format = check_format_of(thread_hash_mask);
    t->src_hash = hashes_new(thread_hash_mask | t->check_format);
    if (!t->src_hash) {
      task_close(t);
      return TASK_ERROR(STAGE_OPEN_SOURCE, ENOMEM);
    }
  }
  if (flags & TASK_HASH_ONLY) return 0;
  if (out_count < 1 || out_count > TASK_MAX_OUTS) {
    task_close(t);
    return TASK_ERROR(STAGE_CREATE, EINVAL);
  }
  t->out_count = out_count;
  int access = (flags & TASK_VERIFY) ? O_RDWR : O_WRONLY;
  for (int i = 0; i < out_count; i++) {
    task_out* o = &t->outs[i];
    o->dir = dst_dirs[i];
    int rc = out_create(t, o, name, access);
    if (rc == 0 && (flags & TASK_VERIFY) && !(o->check = hashes_new(t->check_format)))
      rc = TASK_ERROR(STAGE_CREATE, ENOMEM);
    if (rc != 0) out_fail(o, rc);
  }
  if (live_outs(t) == 0) {
    int rc = first_failure(t);
    task_close(t);
    return rc;
  }
  return 0;
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
      if (o->status == 0 && ftruncate(o->fd, (off_t)size) != 0) out_fail(o, TASK_ERROR(STAGE_COPY, errno));
    }
  if (live_outs(t) == 0) return first_failure(t);
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
  if (write_all(o->fd, w->data, w->length, w->t->pos) != 0) out_fail(o, TASK_ERROR(STAGE_COPY, errno));
}

// Read once, hash once, write to every copy still going. A copy that fails (its disk is full, unplugged)
// is dropped; the others go on. -1 when the read itself failed (errno set).
static ssize_t read_fan_out(copy_task* t, uint64_t want) {
  if (want > BUFFER_BYTES) want = BUFFER_BYTES;
  unsigned char* data = buffer();
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

static int copy_step(copy_task* t, uint64_t max_bytes, uint64_t deadline, uint64_t* advanced, uint64_t* written) {
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
      if (n > 0 && !(t->flags & TASK_HASH_ONLY) && live_outs(t) == 0) return first_failure(t);
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
  if (o->verify_pos != size || strcmp(t->check_hex, copy) != 0) out_fail(o, R_MISMATCH);
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
  unsigned char* data = buffer();  // this thread's own
  v->results[i] = data ? verify_out(v->t, &v->t->outs[v->outs[i]], v->max_bytes, v->deadline, data, &v->checked[i])
                       : TASK_ERROR(STAGE_VERIFY, ENOMEM);
}

static int verify_step(copy_task* t, uint64_t max_bytes, uint64_t deadline, uint64_t* checked) {
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
    if (v.results[i] < 0) out_fail(&t->outs[v.outs[i]], v.results[i]);
  }
  if (more) return R_MORE;
  if (live_outs(t) == 0) return first_failure(t);
  t->phase = 2;
  return R_DONE;
}

int task_step(copy_task* t, uint64_t max_bytes, uint64_t max_ns, uint64_t* advanced, uint64_t* written,
              uint64_t* checked) {
  *advanced = 0;
  *written = 0;
  *checked = 0;
  uint64_t start = now_ns();
  uint64_t deadline = max_ns > UINT64_MAX - start ? UINT64_MAX : start + max_ns;
  int result = R_MORE;
  if (t->phase == 0) {
    result = copy_step(t, max_bytes, deadline, advanced, written);
    if (result == R_MORE && t->phase == 1 && (t->flags & TASK_DEFER_VERIFY)) return R_COPIED;
  }
  // Reading back shares the step's byte budget with writing: a bandwidth limit paces both.
  if (result == R_MORE && t->phase == 1 && *written < max_bytes)
    result = verify_step(t, max_bytes - *written, deadline, checked);
  if (result == R_MORE && t->phase == 2) result = R_DONE;
  return result;
}

int task_finish(copy_task* t, int index, const char* target, mode_t mode, const struct timespec given[2]) {
  if (index < 0 || index >= t->out_count) return TASK_ERROR(STAGE_PUBLISH, EINVAL);
  task_out* o = &t->outs[index];
  if (o->status != 0) return o->status;  // this copy failed already: why, not a new error
  if (t->phase != 2 || o->fd < 0) return TASK_ERROR(STAGE_PUBLISH, EINVAL);
  struct timespec own[2] = {t->src_st.st_atim, t->src_st.st_mtim};
  const struct timespec* times = given;
  if (t->flags & TASK_OWN_ATTRS) {
    mode = t->src_st.st_mode;
    times = own;
  }
  if (fchmod(o->fd, mode & 07777) != 0) return TASK_ERROR(STAGE_ATTRS, errno);
  // Last, after every write: writes would move the modified time again.
  if (futimens(o->fd, times) != 0) return TASK_ERROR(STAGE_ATTRS, errno);
  if (o->tmpfile) {
    if (link_tmpfile(o->fd, o->dir, target) != 0)
      return errno == EEXIST ? R_EXISTS : TASK_ERROR(STAGE_PUBLISH, errno);
  } else if (t->flags & TASK_REPLACE) {
    if (renameat(o->dir, o->temp_name, o->dir, target) != 0) return TASK_ERROR(STAGE_PUBLISH, errno);
  } else if (renameat2(o->dir, o->temp_name, o->dir, target, RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) return R_EXISTS;
    if (errno != EINVAL && errno != ENOSYS) return TASK_ERROR(STAGE_PUBLISH, errno);
    // No RENAME_NOREPLACE here (some network filesystems): a hard link never replaces either.
    if (linkat(o->dir, o->temp_name, o->dir, target, 0) != 0)
      return errno == EEXIST ? R_EXISTS : TASK_ERROR(STAGE_PUBLISH, errno);
    unlinkat(o->dir, o->temp_name, 0);
  }
  o->published = 1;
  return R_DONE;
}

int task_remove_source(copy_task* t, int src_dir, const char* name) {
  struct stat now;
  if (fstatat(src_dir, name, &now, AT_SYMLINK_NOFOLLOW) != 0) return errno;
  // Only the very file that was copied, unchanged since: anything else at that name is kept.
  if (now.st_dev != t->src_st.st_dev || now.st_ino != t->src_st.st_ino || now.st_size != t->src_st.st_size ||
      now.st_mtim.tv_sec != t->src_st.st_mtim.tv_sec || now.st_mtim.tv_nsec != t->src_st.st_mtim.tv_nsec)
    return ESTALE;
  return unlinkat(src_dir, name, 0) == 0 ? 0 : errno;
}

void task_close(copy_task* t) {
  if (t->src_fd >= 0) close(t->src_fd);
  t->src_fd = -1;
  for (int i = 0; i < t->out_count; i++) {
    task_out* o = &t->outs[i];
    if (o->fd >= 0) close(o->fd);
    if (!o->published && !o->tmpfile && o->temp_name[0] != '\0') unlinkat(o->dir, o->temp_name, 0);
    o->fd = -1;
    o->temp_name[0] = '\0';
    hashes_free(o->check);
    o->check = NULL;
  }
  hashes_free(t->src_hash);
  t->src_hash = NULL;
}
