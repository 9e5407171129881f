// The transfer engine's system calls for JavaScript: directory descriptors, listings with stats, and file
// copies (copy_task.c). Every call is synchronous and short; the copy threads call them in loops.
//
// Conventions: a name is a string or a Buffer (for names that are not UTF-8). Calls that return a descriptor
// return it, or -errno. Calls that only act return 0 or errno. Copy calls return a copy_task.h result.
#define _GNU_SOURCE
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "copy_task.h"
#include "hash_napi.h"
#include "napi_args.h"
#include "xxh64.h"
#include "transfer_napi.h"
#include "utf8.h"

#define STAT_FIELDS 12
enum { KIND_ERROR = 0, KIND_FILE = 1, KIND_DIR = 2, KIND_SYMLINK = 3, KIND_OTHER = 4 };

static napi_value undefined_on_error(napi_env env, const char* message) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, NULL, message);
  return NULL;
}

static napi_value int_value(napi_env env, int64_t value) {
  napi_value out;
  return napi_create_int64(env, value, &out) == napi_ok ? out : NULL;
}

static int get_int(napi_env env, napi_value value, int64_t* out) {
  return napi_get_value_int64(env, value, out) == napi_ok;
}

static int get_double(napi_env env, napi_value value, double* out) {
  return napi_get_value_double(env, value, out) == napi_ok;
}

// A name or relative path argument into `out` (PATH_MAX bytes): a string, or a Buffer of raw bytes.
static int get_name(napi_env env, napi_value value, char* out) {
  bool is_buffer = false;
  if (napi_is_buffer(env, value, &is_buffer) != napi_ok) return 0;
  size_t length = 0;
  if (is_buffer) {
    void* data = NULL;
    if (napi_get_buffer_info(env, value, &data, &length) != napi_ok) return 0;
    if (length >= PATH_MAX || memchr(data, 0, length)) {
      napi_throw_range_error(env, NULL, "name too long or holds a NUL byte");
      return 0;
    }
    memcpy(out, data, length);
    out[length] = '\0';
    return 1;
  }
  if (napi_get_value_string_utf8(env, value, out, PATH_MAX, &length) != napi_ok) return 0;
  if (length >= PATH_MAX - 1 || strlen(out) != length) {
    napi_throw_range_error(env, NULL, "name too long or holds a NUL character");
    return 0;
  }
  return 1;
}

// A name for JavaScript: a string when it is UTF-8, else a Buffer of its bytes.
static napi_value name_value(napi_env env, const char* name, size_t length) {
  napi_value value;
  napi_status status = utf8_valid((const unsigned char*)name, length)
                           ? napi_create_string_utf8(env, name, length, &value)
                           : napi_create_buffer_copy(env, length, name, NULL, &value);
  return status == napi_ok ? value : NULL;
}

static void fill_stat(double* out, const struct stat* st) {
  int kind = S_ISREG(st->st_mode) ? KIND_FILE
             : S_ISDIR(st->st_mode) ? KIND_DIR
             : S_ISLNK(st->st_mode) ? KIND_SYMLINK
                                    : KIND_OTHER;
  out[0] = kind;
  out[1] = (double)(st->st_mode & 07777);
  out[2] = (double)st->st_size;
  out[3] = (double)st->st_blocks;
  out[4] = (double)st->st_mtim.tv_sec;
  out[5] = (double)st->st_mtim.tv_nsec;
  out[6] = (double)st->st_atim.tv_sec;
  out[7] = (double)st->st_atim.tv_nsec;
  out[8] = (double)st->st_dev;
  out[9] = (double)st->st_ino;
  out[10] = (double)st->st_uid;
  out[11] = (double)st->st_nlink;
}

static int get_float64s(napi_env env, napi_value value, double** data, size_t* length) {
  napi_typedarray_type type;
  void* raw = NULL;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, NULL, NULL) != napi_ok) return 0;
  if (type != napi_float64_array) {
    napi_throw_type_error(env, NULL, "expected a Float64Array");
    return 0;
  }
  *data = raw;
  return 1;
}

// openPath(path): open a folder the user named (symlinks in it are the user's choice).
static napi_value open_path(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  char path[PATH_MAX];
  if (!get_args(env, info, 1, argv) || !get_name(env, argv[0], path)) return NULL;
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  return int_value(env, fd < 0 ? -errno : fd);
}

// Open `rel` below `root` without following any symlink on the way and without leaving `root`.
static int open_beneath(int root, const char* rel) {
  if (rel[0] == '\0') return openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct open_how how;
  memset(&how, 0, sizeof(how));
  how.flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long fd = syscall(SYS_openat2, root, rel, &how, sizeof(how));
  if (fd >= 0 || errno != ENOSYS) return (int)fd;
  // Before Linux 5.6: one component at a time, each opened with O_NOFOLLOW.
  char copy[PATH_MAX];
  snprintf(copy, sizeof(copy), "%s", rel);
  int current = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  char* save = NULL;
  for (char* part = strtok_r(copy, "/", &save); part && current >= 0; part = strtok_r(NULL, "/", &save)) {
    if (strcmp(part, "..") == 0 || strcmp(part, ".") == 0) {
      close(current);
      errno = EXDEV;
      return -1;
    }
    int next = openat(current, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int err = errno;
    close(current);
    errno = err;
    current = next;
  }
  return current;
}

// openBeneath(rootFd, relativePath) -> fd | -errno (ELOOP when a symlink is in the way)
static napi_value open_beneath_js(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int64_t root;
  char rel[PATH_MAX];
  if (!get_args(env, info, 2, argv) || !get_int(env, argv[0], &root) || !get_name(env, argv[1], rel)) return NULL;
  int fd = open_beneath((int)root, rel);
  return int_value(env, fd < 0 ? -errno : fd);
}

// mkdirAt(dirFd, name, mode) -> 0 | errno
static napi_value mkdir_at(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int64_t dir, mode;
  char name[PATH_MAX];
  if (!get_args(env, info, 3, argv) || !get_int(env, argv[0], &dir) || !get_name(env, argv[1], name) ||
      !get_int(env, argv[2], &mode))
    return NULL;
  return int_value(env, mkdirat((int)dir, name, (mode_t)mode) == 0 ? 0 : errno);
}

// closeFd(fd)
static napi_value close_fd(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t fd;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &fd)) return NULL;
  return int_value(env, close((int)fd) == 0 ? 0 : errno);
}

// The (fd, out) arguments of fstatFd and statfsFd, with `out` at least `fields` long.
static int fd_and_out(napi_env env, napi_callback_info info, int64_t* fd, double** out, size_t fields) {
  napi_value argv[2];
  size_t length;
  if (!get_args(env, info, 2, argv) || !get_int(env, argv[0], fd) || !get_float64s(env, argv[1], out, &length))
    return 0;
  if (length < fields) {
    napi_throw_range_error(env, NULL, "result buffer too small");
    return 0;
  }
  return 1;
}

// fstatFd(fd, out: Float64Array(12)) -> 0 | errno
static napi_value fstat_fd(napi_env env, napi_callback_info info) {
  int64_t fd;
  double* out;
  if (!fd_and_out(env, info, &fd, &out, STAT_FIELDS)) return NULL;
  struct stat st;
  if (fstat((int)fd, &st) != 0) return int_value(env, errno);
  fill_stat(out, &st);
  return int_value(env, 0);
}

// statAt(dirFd, name, out: Float64Array(12)) -> 0 | errno   (never follows a symlink)
static napi_value stat_at(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int64_t dir;
  char name[PATH_MAX];
  double* out;
  size_t length;
  if (!get_args(env, info, 3, argv) || !get_int(env, argv[0], &dir) || !get_name(env, argv[1], name) ||
      !get_float64s(env, argv[2], &out, &length))
    return NULL;
  if (length < STAT_FIELDS) return undefined_on_error(env, "stat buffer too small");
  struct stat st;
  if (fstatat((int)dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return int_value(env, errno);
  fill_stat(out, &st);
  return int_value(env, 0);
}

// listAt(dirFd) -> { names: string (NUL-separated) | (string | Buffer)[], count, stats: Float64Array } | errno
// One fstatat per entry, relative to the folder; an entry whose stat fails has kind 0 and its errno as mode.
static napi_value list_at(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t fd;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &fd)) return NULL;
  // A descriptor of its own: readdir moves a position, which a dup would share with the caller.
  int own = openat((int)fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (own < 0) return int_value(env, errno);
  DIR* dir = fdopendir(own);
  if (!dir) {
    int err = errno;
    close(own);
    return int_value(env, err);
  }
  char* names = NULL;
  size_t names_length = 0, names_capacity = 0;
  double* stats = NULL;
  size_t count = 0, stats_capacity = 0;
  int all_utf8 = 1, err = 0;
  for (;;) {
    errno = 0;
    struct dirent* entry = readdir(dir);
    if (!entry) {
      err = errno;
      break;
    }
    const char* name = entry->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    size_t length = strlen(name);
    if (names_length + length + 1 > names_capacity || count + 1 > stats_capacity) {
      size_t cap = names_capacity ? names_capacity * 2 : 8192;
      while (cap < names_length + length + 1) cap *= 2;
      char* grown_names = realloc(names, cap);
      if (grown_names) {
        names = grown_names;
        names_capacity = cap;
      }
      size_t stats_cap = stats_capacity ? stats_capacity * 2 : 256;
      double* grown_stats = realloc(stats, stats_cap * STAT_FIELDS * sizeof(double));
      if (grown_stats) {
        stats = grown_stats;
        stats_capacity = stats_cap;
      }
      if (!grown_names || !grown_stats) {
        err = ENOMEM;
        break;
      }
    }
    struct stat st;
    double* slot = stats + count * STAT_FIELDS;
    if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) continue;  // gone since readdir
      memset(slot, 0, STAT_FIELDS * sizeof(double));
      slot[1] = errno;
    } else {
      fill_stat(slot, &st);
    }
    if (all_utf8 && !utf8_valid((const unsigned char*)name, length)) all_utf8 = 0;
    if (count > 0) names[names_length++] = '\0';
    memcpy(names + names_length, name, length);
    names_length += length;
    count++;
  }
  closedir(dir);
  napi_value result = NULL;
  if (err) {
    result = int_value(env, err);
  } else {
    napi_value names_js = NULL, stats_js, buffer, count_js;
    void* target = NULL;
    if (all_utf8) {
      if (napi_create_string_utf8(env, names ? names : "", names_length, &names_js) != napi_ok) names_js = NULL;
    } else if (napi_create_array_with_length(env, count, &names_js) == napi_ok) {
      size_t start = 0;
      for (size_t i = 0; i < count; i++) {
        size_t end = start;
        while (end < names_length && names[end] != '\0') end++;
        napi_value one = name_value(env, names + start, end - start);
        if (!one || napi_set_element(env, names_js, (uint32_t)i, one) != napi_ok) {
          names_js = NULL;
          break;
        }
        start = end + 1;
      }
    }
    size_t bytes = count * STAT_FIELDS * sizeof(double);
    if (names_js && napi_create_arraybuffer(env, bytes, &target, &buffer) == napi_ok &&
        (bytes == 0 || memcpy(target, stats, bytes)) &&
        napi_create_typedarray(env, napi_float64_array, count * STAT_FIELDS, buffer, 0, &stats_js) == napi_ok &&
        napi_create_uint32(env, (uint32_t)count, &count_js) == napi_ok && napi_create_object(env, &result) == napi_ok &&
        napi_set_named_property(env, result, "names", names_js) == napi_ok &&
        napi_set_named_property(env, result, "count", count_js) == napi_ok &&
        napi_set_named_property(env, result, "stats", stats_js) == napi_ok) {
    } else {
      result = NULL;
    }
  }
  free(names);
  free(stats);
  return result ? result : undefined_on_error(env, "listAt failed");
}

// unlinkAt(dirFd, name, isDir) -> 0 | errno
static napi_value unlink_at(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int64_t dir;
  char name[PATH_MAX];
  bool is_dir = false;
  if (!get_args(env, info, 3, argv) || !get_int(env, argv[0], &dir) || !get_name(env, argv[1], name) ||
      napi_get_value_bool(env, argv[2], &is_dir) != napi_ok)
    return NULL;
  return int_value(env, unlinkat((int)dir, name, is_dir ? AT_REMOVEDIR : 0) == 0 ? 0 : errno);
}

// renameAt(fromDir, from, toDir, to, noReplace) -> 0 | errno (EEXIST when noReplace and the name is taken)
static napi_value rename_at(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  int64_t from_dir, to_dir;
  char from[PATH_MAX], to[PATH_MAX];
  bool no_replace = false;
  if (!get_args(env, info, 5, argv) || !get_int(env, argv[0], &from_dir) || !get_name(env, argv[1], from) ||
      !get_int(env, argv[2], &to_dir) || !get_name(env, argv[3], to) ||
      napi_get_value_bool(env, argv[4], &no_replace) != napi_ok)
    return NULL;
  int rc = renameat2((int)from_dir, from, (int)to_dir, to, no_replace ? RENAME_NOREPLACE : 0);
  return int_value(env, rc == 0 ? 0 : errno);
}

// readlinkAt(dirFd, name) -> string | Buffer | errno
static napi_value readlink_at(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int64_t dir;
  char name[PATH_MAX], target[PATH_MAX];
  if (!get_args(env, info, 2, argv) || !get_int(env, argv[0], &dir) || !get_name(env, argv[1], name)) return NULL;
  ssize_t n = readlinkat((int)dir, name, target, sizeof(target) - 1);
  if (n < 0) return int_value(env, errno);
  return name_value(env, target, (size_t)n);
}

// symlinkAt(target, dirFd, name) -> 0 | errno (EEXIST when the name is taken: never replaces)
static napi_value symlink_at(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int64_t dir;
  char target[PATH_MAX], name[PATH_MAX];
  if (!get_args(env, info, 3, argv) || !get_name(env, argv[0], target) || !get_int(env, argv[1], &dir) ||
      !get_name(env, argv[2], name))
    return NULL;
  return int_value(env, symlinkat(target, (int)dir, name) == 0 ? 0 : errno);
}

static int get_times(napi_env env, napi_value* argv, struct timespec times[2]) {
  double values[4];
  for (int i = 0; i < 4; i++)
    if (!get_double(env, argv[i], &values[i])) return 0;
  times[0].tv_sec = (time_t)values[0];
  times[0].tv_nsec = (long)values[1];
  times[1].tv_sec = (time_t)values[2];
  times[1].tv_nsec = (long)values[3];
  return 1;
}

// setTimesAt(dirFd, name, atimeS, atimeNs, mtimeS, mtimeNs) -> 0 | errno (of the entry itself, never a link's target)
static napi_value set_times_at(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  int64_t dir;
  char name[PATH_MAX];
  struct timespec times[2];
  if (!get_args(env, info, 6, argv) || !get_int(env, argv[0], &dir) || !get_name(env, argv[1], name) ||
      !get_times(env, argv + 2, times))
    return NULL;
  return int_value(env, utimensat((int)dir, name, times, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : errno);
}

// setFdAttrs(fd, mode, atimeS, atimeNs, mtimeS, mtimeNs) -> 0 | errno : a folder's final mode and times
static napi_value set_fd_attrs(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  int64_t fd, mode;
  struct timespec times[2];
  if (!get_args(env, info, 6, argv) || !get_int(env, argv[0], &fd) || !get_int(env, argv[1], &mode) ||
      !get_times(env, argv + 2, times))
    return NULL;
  if (fchmod((int)fd, (mode_t)mode & 07777) != 0) return int_value(env, errno);
  return int_value(env, futimens((int)fd, times) == 0 ? 0 : errno);
}

// statfsFd(fd, out: Float64Array(6)) -> 0 | errno : [type, block size, blocks, available blocks, inodes, free inodes]
static napi_value statfs_fd(napi_env env, napi_callback_info info) {
  int64_t fd;
  double* out;
  if (!fd_and_out(env, info, &fd, &out, 6)) return NULL;
  struct statfs fs;
  if (fstatfs((int)fd, &fs) != 0) return int_value(env, errno);
  out[0] = (double)(unsigned long)fs.f_type;
  out[1] = (double)(fs.f_frsize ? fs.f_frsize : fs.f_bsize);
  out[2] = (double)fs.f_blocks;
  out[3] = (double)fs.f_bavail;
  out[4] = (double)fs.f_files;
  out[5] = (double)fs.f_ffree;
  return int_value(env, 0);
}

// probeTimes(dirFd) -> the finest modified-time step (ns) the folder's filesystem keeps, or -errno.
// An odd second with every nanosecond digit set shows the step: 1 ns, 100 ns, 1 us, …, 1 s, or 2 s (FAT).
static napi_value probe_times(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t dir;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &dir)) return NULL;
  int fd = openat((int)dir, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    // No O_TMPFILE here: one of our temporary names, unlinked at once; the open descriptor is all it needs.
    char name[256];
    task_temp_name(name, "probe");
    fd = openat((int)dir, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return int_value(env, -errno);
    unlinkat((int)dir, name, 0);
  }
  struct timespec times[2] = {{1000000001, 123456789}, {1000000001, 123456789}};
  struct stat st;
  int ok = futimens(fd, times) == 0 && fstat(fd, &st) == 0;
  int err = errno;
  close(fd);
  if (!ok) return int_value(env, -err);
  int64_t step = 1000000000;
  if (st.st_mtim.tv_sec != 1000000001) {
    step = 2000000000;  // FAT keeps even seconds
  } else {
    // The first step at which 123456789 ns truncates (or rounds up) to what was kept.
    for (int64_t s = 1; s < 1000000000; s *= 10) {
      long truncated = 123456789 - 123456789 % s;
      long rounded = truncated + (123456789 % s ? s : 0);
      if (st.st_mtim.tv_nsec == truncated || st.st_mtim.tv_nsec == rounded) {
        step = s;
        break;
      }
    }
  }
  return int_value(env, step);
}

// tmpfileSupported(dirFd) -> true when unnamed files can be made and linked in this folder's filesystem
static napi_value tmpfile_supported_js(napi_env env, napi_callback_info info) {
  napi_value argv[1], out;
  int64_t dir;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &dir)) return NULL;
  return napi_get_boolean(env, tmpfile_supported((int)dir), &out) == napi_ok ? out : NULL;
}

// setTempTag(tag): the owner part of temporary names (see temp-names.ts), once per process.
static napi_value set_temp_tag(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  char tag[PATH_MAX];
  if (!get_args(env, info, 1, argv) || !get_name(env, argv[0], tag)) return NULL;
  task_set_temp_tag(tag);
  return int_value(env, 0);
}

static int get_results(napi_env env, napi_value value, double** out) {
  size_t length;
  if (!get_float64s(env, value, out, &length)) return 0;
  if (length < 5) {
    napi_throw_range_error(env, NULL, "result buffer too small");
    return 0;
  }
  return 1;
}

// What the last copyFile or finished task on this thread hashed: every chosen format of the source (hex, in
// hashes.h bit order; C4 as sha512), and the source and first copy in the read-back format.
static _Thread_local char last_source_hashes[HASH_FORMAT_COUNT][HASH_HEX_MAX];
static _Thread_local char last_source_check[HASH_HEX_MAX];
static _Thread_local char last_copy_check[HASH_HEX_MAX];

static void remember_hashes(copy_task* task) {
  last_source_check[0] = last_copy_check[0] = '\0';
  for (int i = 0; i < HASH_FORMAT_COUNT; i++) last_source_hashes[i][0] = '\0';
  if (!task->src_hash) return;
  for (int i = 0; i < HASH_FORMAT_COUNT; i++) hashes_hex(task->src_hash, 1 << i, last_source_hashes[i]);
  hashes_hex(task->src_hash, task->check_format, last_source_check);
  for (int i = 0; i < task->out_count; i++)
    if (task->outs[i].check) {
      hashes_hex(task->outs[i].check, task->check_format, last_copy_check);
      break;
    }
}

// Each copy's outcome into `statuses` (2 × outs): [result, …] then [cache dropped (0/1), …].
static void fill_statuses(const copy_task* task, int32_t* statuses, int finished) {
  for (int i = 0; i < task->out_count; i++) {
    int status = task->outs[i].status;
    statuses[i] = status != 0 ? status : task->outs[i].published ? R_DONE : finished;
    statuses[task->out_count + i] = task->outs[i].cache_dropped;
  }
}

static int get_int32s(napi_env env, napi_value value, int32_t** data, size_t* length) {
  napi_typedarray_type type;
  void* raw = NULL;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, NULL, NULL) != napi_ok) return 0;
  if (type != napi_int32_array) {
    napi_throw_type_error(env, NULL, "expected an Int32Array");
    return 0;
  }
  *data = raw;
  return 1;
}

// The destination folders of a copy to several places (at most TASK_MAX_OUTS).
static int get_dirs(napi_env env, napi_value value, int dirs[TASK_MAX_OUTS], int* count) {
  int32_t* data;
  size_t length;
  if (!get_int32s(env, value, &data, &length)) return 0;
  if (length < 1 || length > TASK_MAX_OUTS) {
    napi_throw_range_error(env, NULL, "between 1 and 8 destination folders");
    return 0;
  }
  for (size_t i = 0; i < length; i++) dirs[i] = data[i];
  *count = (int)length;
  return 1;
}

// Run an opened task to the end, publish every copy that got through under its target, and (a move) remove
// the source once every copy is published. out: [advanced, written, removeErrno, cache dropped (first copy),
// bytes read back].
static int run_to_end(copy_task* task, char targets[][PATH_MAX], int flags, mode_t mode,
                      const struct timespec times[2], int src_dir, const char* name, double* out) {
  uint64_t advanced = 0, written = 0, checked = 0;
  int rc;
  do {
    uint64_t a, w, c;
    rc = task_step(task, UINT64_MAX, UINT64_MAX, &a, &w, &c);
    advanced += a;
    written += w;
    checked += c;
  } while (rc == R_MORE);
  remember_hashes(task);
  int all_published = rc == R_DONE;
  if (rc == R_DONE) {
    for (int i = 0; i < task->out_count; i++) {
      if (task->outs[i].status != 0) {
        all_published = 0;
        continue;
      }
      int finished = task_finish(task, i, targets[i], mode, times);
      if (finished != R_DONE) {
        task->outs[i].status = finished;
        all_published = 0;
      }
    }
    // One destination: its own outcome is the file's, as before.
    if (task->out_count == 1 && task->outs[0].status != 0) rc = task->outs[0].status;
  }
  if (all_published && (flags & TASK_MOVE)) {
    int err = task_remove_source(task, src_dir, name);
    if (err) {
      out[2] = err;
      rc = R_SOURCE_KEPT;
    }
  }
  out[0] = (double)advanced;
  out[1] = (double)written;
  out[3] = task->out_count > 0 ? task->outs[0].cache_dropped : 0;
  out[4] = (double)checked;
  return rc;
}

// copyFile(srcDir, name, dstDir, target, flags, mode, atimeS, atimeNs, mtimeS, mtimeNs, out) -> result
// A whole small file in one call: open, copy, verify, mode and times, name; a move then unlinks the source.
static napi_value copy_file(napi_env env, napi_callback_info info) {
  napi_value argv[11];
  int64_t src_dir, dst_dir, flags, mode;
  char name[PATH_MAX], target[1][PATH_MAX];
  struct timespec times[2];
  double* out;
  if (!get_args(env, info, 11, argv) || !get_int(env, argv[0], &src_dir) || !get_name(env, argv[1], name) ||
      !get_int(env, argv[2], &dst_dir) || !get_name(env, argv[3], target[0]) || !get_int(env, argv[4], &flags) ||
      !get_int(env, argv[5], &mode) || !get_times(env, argv + 6, times) || !get_results(env, argv[10], &out))
    return NULL;
  copy_task task;
  out[0] = out[1] = out[2] = out[3] = out[4] = 0;
  int dirs[1] = {(int)dst_dir};
  int rc = task_open(&task, (int)src_dir, name, dirs, 1, (int)flags & ~TASK_MOVE);
  if (rc != 0) return int_value(env, rc);
  rc = run_to_end(&task, target, (int)flags, (mode_t)mode, times, (int)src_dir, name, out);
  task_close(&task);
  return int_value(env, rc);
}

// copyFileMany(srcDir, name, dstDirs: Int32Array, targets: name[], flags, out, statuses: Int32Array) -> result
// One small file to several folders from one read. Copies take the source's own mode and times. statuses gets
// each copy's result and whether its read-back came from storage (fill_statuses). The result is R_DONE when
// at least one copy was published (see statuses), else the first copy's failure; R_SOURCE_KEPT as copyFile.
static napi_value copy_file_many(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  int64_t src_dir, flags;
  char name[PATH_MAX];
  static _Thread_local char targets[TASK_MAX_OUTS][PATH_MAX];
  int dirs[TASK_MAX_OUTS], count = 0;
  double* out;
  int32_t* statuses;
  size_t status_length;
  uint32_t target_count = 0;
  if (!get_args(env, info, 7, argv) || !get_int(env, argv[0], &src_dir) || !get_name(env, argv[1], name) ||
      !get_dirs(env, argv[2], dirs, &count) || napi_get_array_length(env, argv[3], &target_count) != napi_ok ||
      !get_int(env, argv[4], &flags) || !get_results(env, argv[5], &out) ||
      !get_int32s(env, argv[6], &statuses, &status_length))
    return NULL;
  if (target_count != (uint32_t)count || status_length < (size_t)count * 2)
    return undefined_on_error(env, "one target and two status slots per destination");
  for (int i = 0; i < count; i++) {
    napi_value target;
    if (napi_get_element(env, argv[3], (uint32_t)i, &target) != napi_ok || !get_name(env, target, targets[i]))
      return NULL;
  }
  copy_task task;
  out[0] = out[1] = out[2] = out[3] = out[4] = 0;
  int rc = task_open(&task, (int)src_dir, name, dirs, count, (int)(flags | TASK_OWN_ATTRS) & ~TASK_MOVE);
  if (rc != 0) {
    for (int i = 0; i < count; i++) statuses[i] = rc, statuses[count + i] = 0;
    return int_value(env, rc);
  }
  struct timespec unused[2] = {{0, 0}, {0, 0}};
  rc = run_to_end(&task, targets, (int)flags, 0, unused, (int)src_dir, name, out);
  fill_statuses(&task, statuses, rc == R_CHANGED ? R_CHANGED : R_DONE);
  task_close(&task);
  return int_value(env, rc);
}

// syncFs(fd) -> 0 | errno: write back everything of fd's filesystem and wait (one flush for a batch of copies).
static napi_value sync_fs(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t fd;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &fd)) return NULL;
  return int_value(env, syncfs((int)fd) == 0 ? 0 : errno);
}

// setHashMask(mask): the formats (hashes.h bits) this thread's copies hash, once per copy thread.
static napi_value set_hash_mask(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t mask;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &mask)) return NULL;
  task_set_hash_mask((int)mask);
  return int_value(env, 0);
}

// hintDevices(srcDev, dstDev): the filesystems this thread's next copies go between.
static napi_value hint_devices(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  double src, dst;
  if (!get_args(env, info, 2, argv) || !get_double(env, argv[0], &src) || !get_double(env, argv[1], &dst)) return NULL;
  task_hint_devices((dev_t)src, (dev_t)dst);
  return int_value(env, 0);
}

// lastHashes() -> [sourceHex, copyHex]: this thread's last copyFile or finished task, in the read-back
// format ('' when off).
static napi_value last_hashes(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value array, source, copy;
  if (napi_create_array_with_length(env, 2, &array) != napi_ok ||
      napi_create_string_utf8(env, last_source_check, NAPI_AUTO_LENGTH, &source) != napi_ok ||
      napi_create_string_utf8(env, last_copy_check, NAPI_AUTO_LENGTH, &copy) != napi_ok ||
      napi_set_element(env, array, 0, source) != napi_ok || napi_set_element(env, array, 1, copy) != napi_ok)
    return NULL;
  return array;
}

// lastSourceHashes() -> string[6]: every chosen format of the last source, in hashes.h bit order ('' if not).
static napi_value last_source_hashes_js(napi_env env, napi_callback_info info) {
  (void)info;
  return hex_strings(env, (const char(*)[HASH_HEX_MAX])last_source_hashes, HASH_FORMAT_COUNT);
}

static void task_finalize(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  copy_task* task = data;
  task_close(task);  // a task dropped unfinished is discarded, never published
  free(task);
}

static copy_task* get_task(napi_env env, napi_value value) {
  void* data = NULL;
  if (napi_get_value_external(env, value, &data) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "expected a task");
    return NULL;
  }
  return data;
}

// An opened task as a JavaScript external (closed and freed when collected), or its open error.
static napi_value wrap_task(napi_env env, copy_task* task, int rc) {
  napi_value external;
  if (rc != 0) {
    free(task);
    return int_value(env, rc);
  }
  if (napi_create_external(env, task, task_finalize, NULL, &external) != napi_ok) {
    task_close(task);
    free(task);
    return NULL;
  }
  return external;
}

// taskOpen(srcDir, name, dstDir, flags) -> task | result (< 0)
static napi_value task_open_js(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  int64_t src_dir, dst_dir, flags;
  char name[PATH_MAX];
  if (!get_args(env, info, 4, argv) || !get_int(env, argv[0], &src_dir) || !get_name(env, argv[1], name) ||
      !get_int(env, argv[2], &dst_dir) || !get_int(env, argv[3], &flags))
    return NULL;
  copy_task* task = malloc(sizeof(copy_task));
  if (!task) return int_value(env, TASK_ERROR(STAGE_OPEN_SOURCE, ENOMEM));
  int dirs[1] = {(int)dst_dir};
  return wrap_task(env, task, task_open(task, (int)src_dir, name, dirs, dst_dir < 0 ? 0 : 1, (int)flags));
}

// taskOpenMany(srcDir, name, dstDirs: Int32Array, flags) -> task | result (< 0): one source, several copies.
static napi_value task_open_many_js(napi_env env, napi_callback_info info) {
  napi_value argv[3 + 1];
  int64_t src_dir, flags;
  char name[PATH_MAX];
  int dirs[TASK_MAX_OUTS], count = 0;
  if (!get_args(env, info, 4, argv) || !get_int(env, argv[0], &src_dir) || !get_name(env, argv[1], name) ||
      !get_dirs(env, argv[2], dirs, &count) || !get_int(env, argv[3], &flags))
    return NULL;
  copy_task* task = malloc(sizeof(copy_task));
  if (!task) return int_value(env, TASK_ERROR(STAGE_OPEN_SOURCE, ENOMEM));
  return wrap_task(env, task, task_open(task, (int)src_dir, name, dirs, count, (int)flags));
}

// taskFinishOut(task, index, target) -> result: publish copy `index` (with the source's own mode and times).
static napi_value task_finish_out_js(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int64_t index;
  char target[PATH_MAX];
  if (!get_args(env, info, 3, argv)) return NULL;
  copy_task* task = get_task(env, argv[0]);
  if (!task || !get_int(env, argv[1], &index) || !get_name(env, argv[2], target)) return NULL;
  struct timespec unused[2] = {{0, 0}, {0, 0}};
  int rc = task_finish(task, (int)index, target, 0, unused);
  if (rc != R_DONE && index >= 0 && index < task->out_count && task->outs[index].status == 0)
    task->outs[index].status = rc;
  return int_value(env, rc);
}

// taskStatuses(task, statuses: Int32Array) -> 0: each copy's outcome so far (fill_statuses).
static napi_value task_statuses_js(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int32_t* statuses;
  size_t length;
  if (!get_args(env, info, 2, argv)) return NULL;
  copy_task* task = get_task(env, argv[0]);
  if (!task || !get_int32s(env, argv[1], &statuses, &length)) return NULL;
  if (length < (size_t)task->out_count * 2) return undefined_on_error(env, "two status slots per destination");
  fill_statuses(task, statuses, task->phase == 2 ? R_DONE : R_MORE);
  return int_value(env, 0);
}

// taskStep(task, maxBytes, maxMs, out) -> result; out: [advanced, written, bytes read back, phase (0 copying,
// 1 reading back, 2 done)]
static napi_value task_step_js(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  double max_bytes, max_ms;
  double* out;
  if (!get_args(env, info, 4, argv)) return NULL;
  copy_task* task = get_task(env, argv[0]);
  if (!task || !get_double(env, argv[1], &max_bytes) || !get_double(env, argv[2], &max_ms) ||
      !get_results(env, argv[3], &out))
    return NULL;
  uint64_t advanced = 0, written = 0, checked = 0;
  uint64_t bytes = max_bytes < 1 ? 1 : (uint64_t)max_bytes;
  // A limit too large for nanoseconds in 64 bits (or not a number) means none.
  uint64_t max_ns = max_ms >= 0 && max_ms < 1.8e13 ? (uint64_t)(max_ms * 1e6) : UINT64_MAX;
  int rc = task_step(task, bytes, max_ns, &advanced, &written, &checked);
  out[0] = (double)advanced;
  out[1] = (double)written;
  out[2] = (double)checked;
  out[3] = task->phase;
  if (rc != R_MORE) remember_hashes(task);
  return int_value(env, rc);
}

// taskFinish(task, target, mode, atimeS, atimeNs, mtimeS, mtimeNs) -> result
static napi_value task_finish_js(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  int64_t mode;
  char target[PATH_MAX];
  struct timespec times[2];
  if (!get_args(env, info, 7, argv)) return NULL;
  copy_task* task = get_task(env, argv[0]);
  if (!task || !get_name(env, argv[1], target) || !get_int(env, argv[2], &mode) || !get_times(env, argv + 3, times))
    return NULL;
  int rc = task_finish(task, 0, target, (mode_t)mode, times);
  if (rc != R_DONE && task->out_count > 0 && task->outs[0].status == 0) task->outs[0].status = rc;
  return int_value(env, rc);
}

// taskRemoveSource(task, srcDir, name) -> 0 | errno (ESTALE: another file, or a changed one, is there now)
static napi_value task_remove_source_js(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  int64_t src_dir;
  char name[PATH_MAX];
  if (!get_args(env, info, 3, argv)) return NULL;
  copy_task* task = get_task(env, argv[0]);
  if (!task || !get_int(env, argv[1], &src_dir) || !get_name(env, argv[2], name)) return NULL;
  return int_value(env, task_remove_source(task, (int)src_dir, name));
}

// taskClose(task): release it; a copy that never got its name is discarded.
static napi_value task_close_js(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  copy_task* task = get_task(env, argv[0]);
  if (!task) return NULL;
  task_close(task);
  return int_value(env, 0);
}

static void hash_hex(uint64_t hash, char out[17]) {
  snprintf(out, 17, "%016llx", (unsigned long long)hash);
}

// xxh64(data: Buffer | TypedArray) -> hex: the hasher itself, for tests against known vectors.
static napi_value xxh64_js(napi_env env, napi_callback_info info) {
  napi_value argv[1], out;
  void* data = NULL;
  size_t length = 0;
  if (!get_args(env, info, 1, argv) || napi_get_buffer_info(env, argv[0], &data, &length) != napi_ok) return NULL;
  xxh64_state state;
  xxh64_reset(&state, 0);
  xxh64_update(&state, data, length);
  char hex[17];
  hash_hex(xxh64_digest(&state), hex);
  return napi_create_string_utf8(env, hex, 16, &out) == napi_ok ? out : NULL;
}

int wrangle_register_transfer(napi_env env, napi_value exports) {
  static const struct {
    const char* name;
    napi_callback fn;
  } functions[] = {
      {"openPath", open_path},       {"openBeneath", open_beneath_js},
      {"mkdirAt", mkdir_at},         {"closeFd", close_fd},
      {"fstatFd", fstat_fd},         {"statAt", stat_at},
      {"listAt", list_at},           {"unlinkAt", unlink_at},
      {"renameAt", rename_at},       {"readlinkAt", readlink_at},
      {"symlinkAt", symlink_at},     {"setTimesAt", set_times_at},
      {"setFdAttrs", set_fd_attrs},  {"statfsFd", statfs_fd},
      {"probeTimes", probe_times},   {"tmpfileSupported", tmpfile_supported_js},
      {"setTempTag", set_temp_tag},  {"copyFile", copy_file},
      {"lastHashes", last_hashes},   {"hintDevices", hint_devices},   {"taskOpen", task_open_js},
      {"taskStep", task_step_js},    {"taskFinish", task_finish_js},
      {"taskRemoveSource", task_remove_source_js}, {"taskClose", task_close_js},
      {"xxh64", xxh64_js},           {"copyFileMany", copy_file_many},
      {"setHashMask", set_hash_mask},  {"lastSourceHashes", last_source_hashes_js},
      {"taskOpenMany", task_open_many_js}, {"taskFinishOut", task_finish_out_js},
      {"taskStatuses", task_statuses_js}, {"syncFs", sync_fs},
  };
  for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
    napi_value fn;
    if (napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH, functions[i].fn, NULL, &fn) != napi_ok ||
        napi_set_named_property(env, exports, functions[i].name, fn) != napi_ok)
      return 0;
  }
  return 1;
}
