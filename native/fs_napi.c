// The transfer engine's directory-descriptor calls for JavaScript: open, make, rename, link and remove by
// name relative to a folder's descriptor, set times and modes, and probe what a filesystem keeps. Every call
// is synchronous and short; the copy threads call them in loops.
//
// Conventions: a name is a string or a Buffer (for names that are not UTF-8). Calls that return a descriptor
// return it, or -errno. Calls that only act return 0 or errno.
#define _GNU_SOURCE
#include <node_api.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "copy_task.h"
#include "fs_napi.h"
#include "napi_args.h"
#include "napi_exports.h"
#include "napi_values.h"

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

int wrangle_register_fs(napi_env env, napi_value exports) {
  static const wrangle_export functions[] = {
      {"openPath", open_path},       {"openBeneath", open_beneath_js},
      {"mkdirAt", mkdir_at},         {"closeFd", close_fd},
      {"unlinkAt", unlink_at},       {"renameAt", rename_at},
      {"readlinkAt", readlink_at},   {"symlinkAt", symlink_at},
      {"setTimesAt", set_times_at},  {"setFdAttrs", set_fd_attrs},
      {"probeTimes", probe_times},   {"tmpfileSupported", tmpfile_supported_js},
      {"setTempTag", set_temp_tag},
  };
  return wrangle_export_all(env, exports, functions, sizeof(functions) / sizeof(functions[0]));
}
