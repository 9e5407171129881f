// One file copied relative to directory descriptors, in bounded steps. See copy_task.h.
//
// This file opens, steps, publishes and closes a task; the phases a step runs are in copy_data.c (copying)
// and copy_verify.c (reading back).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy_task_internal.h"

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

unsigned char* task_buffer(void) {
  if (!thread_buffer) thread_buffer = malloc(BUFFER_BYTES);
  return thread_buffer;
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
void task_out_fail(task_out* o, int status) {
  if (o->status == 0) o->status = status;
  if (o->fd >= 0 && !o->published) {
    close(o->fd);
    o->fd = -1;
    if (!o->tmpfile && o->temp_name[0] != '\0') unlinkat(o->dir, o->temp_name, 0);
    o->temp_name[0] = '\0';
  }
}

int task_live_outs(const copy_task* t) {
  int live = 0;
  for (int i = 0; i < t->out_count; i++) live += t->outs[i].status == 0;
  return live;
}

// Every copy failed: the first one's reason stands for the file.
int task_first_failure(const copy_task* t) {
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
    if (rc != 0) task_out_fail(o, rc);
  }
  if (task_live_outs(t) == 0) {
    int rc = task_first_failure(t);
    task_close(t);
    return rc;
  }
  return 0;
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
    result = task_copy_step(t, max_bytes, deadline, advanced, written);
    if (result == R_MORE && t->phase == 1 && (t->flags & TASK_DEFER_VERIFY)) return R_COPIED;
  }
  // Reading back shares the step's byte budget with writing: a bandwidth limit paces both.
  if (result == R_MORE && t->phase == 1 && *written < max_bytes)
    result = task_verify_step(t, max_bytes - *written, deadline, checked);
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
