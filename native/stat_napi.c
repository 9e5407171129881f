// The transfer engine's stat calls for JavaScript: one entry, a whole folder's listing with its stats, and a
// filesystem's space. Stats travel as numbers in a Float64Array (fill_stat), names as in fs_napi.c.
#define _GNU_SOURCE
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "napi_args.h"
#include "napi_exports.h"
#include "napi_values.h"
#include "stat_napi.h"
#include "utf8.h"

#define STAT_FIELDS 12
enum { KIND_ERROR = 0, KIND_FILE = 1, KIND_DIR = 2, KIND_SYMLINK = 3, KIND_OTHER = 4 };

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

int wrangle_register_stat(napi_env env, napi_value exports) {
  static const wrangle_export functions[] = {
      {"fstatFd", fstat_fd}, {"statAt", stat_at}, {"listAt", list_at}, {"statfsFd", statfs_fd},
  };
  return wrangle_export_all(env, exports, functions, sizeof(functions) / sizeof(functions[0]));
}
