// list_dir: one directory read in one call, sizes included, for the scan's walker threads.
//
// Node's lstatSync costs ~3 us per file (a Stats object with four Dates on Node 20); du pays ~1 us.
// Reading a directory with readdir + fstatat(dirfd, name) in C and handing back flat arrays removes
// the per-file JS work, which is what lets a scan keep up with du.
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy_napi.h"
#include "copy_thread_napi.h"
#include "frame_buckets.h"
#include "frame_rules.h"
#include "fs_napi.h"
#include "hash_napi.h"
#include "stat_napi.h"
#include "utf8.h"

#define CHECK(call)                                  \
  do {                                               \
    if ((call) != napi_ok) return throw_status(env); \
  } while (0)

static napi_value throw_status(napi_env env) {
  const napi_extended_error_info* info = NULL;
  napi_get_last_error_info(env, &info);
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, NULL, info && info->error_message ? info->error_message : "listDir failed");
  return NULL;
}

// A growable array of doubles or int32s that becomes a typed array at the end.
typedef struct {
  void* data;
  size_t count;
  size_t capacity;
  size_t width;
} numbers;

static int push_number(numbers* list, const void* value) {
  if (list->count == list->capacity) {
    size_t cap = list->capacity ? list->capacity * 2 : 16;
    void* grown = realloc(list->data, cap * list->width);
    if (!grown) return 0;
    list->data = grown;
    list->capacity = cap;
  }
  memcpy((char*)list->data + list->count * list->width, value, list->width);
  list->count++;
  return 1;
}

static napi_value typed_array(napi_env env, napi_typedarray_type type, numbers* list) {
  void* target = NULL;
  napi_value buffer, array;
  if (napi_create_arraybuffer(env, list->count * list->width, &target, &buffer) != napi_ok) return NULL;
  if (list->count) memcpy(target, list->data, list->count * list->width);
  if (napi_create_typedarray(env, type, list->count, buffer, 0, &array) != napi_ok) return NULL;
  return array;
}

// Names of the big files, NUL-separated in one buffer: one JS string for the whole folder instead of one per
// file (creating a string and setting an array element per name cost ~0.5 us each, most of a scan's budget
// once sequences need every name).
typedef struct {
  char* data;
  size_t length;
  size_t capacity;
  size_t count;
  int all_utf8;
} joined_names;

static int join_name(joined_names* joined, const char* name, size_t length) {
  if (joined->length + length + 1 > joined->capacity) {
    size_t cap = joined->capacity ? joined->capacity * 2 : 4096;
    while (cap < joined->length + length + 1) cap *= 2;
    char* grown = realloc(joined->data, cap);
    if (!grown) return 0;
    joined->data = grown;
    joined->capacity = cap;
  }
  if (joined->count > 0) joined->data[joined->length++] = '\0';
  memcpy(joined->data + joined->length, name, length);
  joined->length += length;
  joined->count++;
  if (joined->all_utf8 && !utf8_valid((const unsigned char*)name, length)) joined->all_utf8 = 0;
  return 1;
}

// A name as a string when it is valid UTF-8, else as a Buffer of its bytes, so no name is lost.
static napi_value js_name(napi_env env, const char* name) {
  size_t length = strlen(name);
  napi_value value;
  napi_status status = utf8_valid((const unsigned char*)name, length)
                           ? napi_create_string_utf8(env, name, length, &value)
                           : napi_create_buffer_copy(env, length, name, NULL, &value);
  return status == napi_ok ? value : NULL;
}

static int append_name(napi_env env, napi_value array, uint32_t* count, const char* name) {
  napi_value value = js_name(env, name);
  if (!value || napi_set_element(env, array, *count, value) != napi_ok) return 0;
  (*count)++;
  return 1;
}

static napi_value error_result(napi_env env, int err) {
  napi_value result, code;
  if (napi_create_object(env, &result) != napi_ok) return NULL;
  if (napi_create_int32(env, err, &code) != napi_ok) return NULL;
  if (napi_set_named_property(env, result, "error", code) != napi_ok) return NULL;
  return result;
}

static int set_number(napi_env env, napi_value object, const char* key, double value) {
  napi_value number;
  return napi_create_double(env, value, &number) == napi_ok &&
         napi_set_named_property(env, object, key, number) == napi_ok;
}

// `big` for JS: one NUL-separated string when every name is UTF-8 (the JS side splits it), else an array
// of strings and Buffers so no name is lost.
static napi_value big_value(napi_env env, joined_names* joined) {
  napi_value value;
  if (joined->all_utf8) {
    return napi_create_string_utf8(env, joined->data ? joined->data : "", joined->length, &value) == napi_ok ? value : NULL;
  }
  if (napi_create_array(env, &value) != napi_ok) return NULL;
  uint32_t count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= joined->length; i++) {
    if (i < joined->length && joined->data[i] != '\0') continue;
    char saved = i < joined->length ? joined->data[i] : 0;
    if (i < joined->length) joined->data[i] = '\0';
    napi_value name = NULL;
    int ok;
    if (i == joined->length) {
      // The last name has no NUL after it in the buffer; copy it out.
      char* last = malloc(i - start + 1);
      if (!last) return NULL;
      memcpy(last, joined->data + start, i - start);
      last[i - start] = '\0';
      ok = append_name(env, value, &count, last);
      free(last);
    } else {
      ok = append_name(env, value, &count, joined->data + start);
      joined->data[i] = saved;
    }
    (void)name;
    if (!ok) return NULL;
    start = i + 1;
  }
  return value;
}

/*
 * listDir(path: string | Buffer, minSize: number, sequences?: boolean) ->
 *   { error: errno }
 * | { files, bytes, symlinks, others,          counts of this directory's own entries
 *     dirs: names of subdirectories,
 *     big: names of regular files of at least minSize bytes (one NUL-separated string when all are
          UTF-8, else an array of strings and Buffers), bigSizes: Float64Array,
 *     failed: names whose lstat failed, failedErrnos: Int32Array,
 *     last: name of the last regular file, or null,
 *     zero: names of empty regular files that are not frames of a sequence (a sequence reports its own),
 *       joined like `big`,
 *     sequences: with `sequences`, the image sequences among the files as lines of JSON (see
 *       append_sequences in sequence_text.c), or null when there are none; which files may be frames is
 *       this thread's setSequenceExtensions (frame_rules.c) }
 * Only subdirectories and a few notable files become JS values; a folder of 10k frames costs one call.
 */
// Each walker thread lists one folder at a time, so one collector per thread serves every call.
static _Thread_local frame_collector thread_frames;

static napi_value list_dir(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "listDir(path, minSize, sequences?)");
    return NULL;
  }
  double min_size = 0;
  CHECK(napi_get_value_double(env, argv[1], &min_size));
  frame_collector* frames = &thread_frames;  // one TLS lookup, not one per file
  bool want_sequences = false;
  if (argc > 2) CHECK(napi_get_value_bool(env, argv[2], &want_sequences));

  char* path = NULL;
  bool is_buffer = false;
  CHECK(napi_is_buffer(env, argv[0], &is_buffer));
  if (is_buffer) {
    void* data = NULL;
    size_t length = 0;
    CHECK(napi_get_buffer_info(env, argv[0], &data, &length));
    path = malloc(length + 1);
    if (!path) return error_result(env, ENOMEM);
    memcpy(path, data, length);
    path[length] = '\0';
  } else {
    size_t length = 0;
    CHECK(napi_get_value_string_utf8(env, argv[0], NULL, 0, &length));
    path = malloc(length + 1);
    if (!path) return error_result(env, ENOMEM);
    CHECK(napi_get_value_string_utf8(env, argv[0], path, length + 1, &length));
  }

  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free(path);
  if (fd < 0) return error_result(env, errno);
  DIR* dir = fdopendir(fd);
  if (!dir) {
    int err = errno;
    close(fd);
    return error_result(env, err);
  }

  napi_value result = NULL, dirs, big, failed;
  uint32_t dir_count = 0, failed_count = 0;
  joined_names big_names = {NULL, 0, 0, 0, 1};
  joined_names zero_names = {NULL, 0, 0, 0, 1};
  numbers big_sizes = {NULL, 0, 0, sizeof(double)};
  numbers failed_errnos = {NULL, 0, 0, sizeof(int32_t)};
  double files = 0, bytes = 0, symlinks = 0, others = 0;
  // The last regular file's name; d_name holds at most 255 bytes plus its NUL.
  char last[sizeof(((struct dirent*)0)->d_name)];
  int has_last = 0;
  int problem = 0;  // an errno that ends the listing
  int js_failed = 0;

  if (napi_create_array(env, &dirs) != napi_ok ||
      napi_create_array(env, &failed) != napi_ok) {
    js_failed = 1;
  }
  while (!js_failed) {
    errno = 0;
    struct dirent* entry = readdir(dir);
    if (!entry) {
      problem = errno;
      break;
    }
    const char* name = entry->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    unsigned char type = entry->d_type;
    if (type == DT_DIR) {
      if (!append_name(env, dirs, &dir_count, name)) js_failed = 1;
      continue;
    }
    if (type == DT_LNK) {
      symlinks++;
      continue;
    }
    if (type != DT_REG && type != DT_UNKNOWN) {
      others++;
      continue;
    }
    struct stat st;
    // Never follows a symlink; relative to the open directory, so no path walk per file.
    if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      int32_t err = errno;
      if (err == ENOENT) continue;  // vanished since readdir: not there, not counted
      if (type == DT_REG) files++;  // still a file (find counts it); only its size is unknown
      if (!append_name(env, failed, &failed_count, name) || !push_number(&failed_errnos, &err)) js_failed = 1;
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!append_name(env, dirs, &dir_count, name)) js_failed = 1;
    } else if (S_ISLNK(st.st_mode)) {
      symlinks++;
    } else if (!S_ISREG(st.st_mode)) {
      others++;
    } else {
      double size = (double)st.st_size;
      size_t length = strlen(name);
      files++;
      bytes += size;
      memcpy(last, name, length + 1);
      has_last = 1;
      if (size >= min_size && (!join_name(&big_names, name, length) || !push_number(&big_sizes, &size))) {
        js_failed = 1;
      }
      int kept = want_sequences ? frames_add(frames, name, length, size) : 1;
      if (!kept) js_failed = 1;
      // An empty frame waits: its sequence reports it, unless it ends up in none.
      else if (size == 0 && kept != 2 && !join_name(&zero_names, name, length)) js_failed = 1;
    }
  }
  closedir(dir);

  if (!js_failed && problem) {
    result = error_result(env, problem);
  } else if (!js_failed) {
    napi_value big_sizes_js = typed_array(env, napi_float64_array, &big_sizes);
    napi_value failed_errnos_js = typed_array(env, napi_int32_array, &failed_errnos);
    napi_value last_js = NULL, sequences = NULL;
    if (has_last) last_js = js_name(env, last);
    else napi_get_null(env, &last_js);
    if (!frames_emit(env, frames, &sequences)) last_js = NULL;
    if (!sequences) napi_get_null(env, &sequences);  // the same properties for every folder: one object shape
    for (size_t r = 0; r < frames->count && last_js; r++) {
      const frame_row* row = &frames->rows[r];
      if (row->size == 0 && !row->in_sequence &&
          !join_name(&zero_names, frames->names + row->name_offset, row->name_length)) {
        last_js = NULL;
      }
    }
    napi_value zero = last_js ? big_value(env, &zero_names) : NULL;
    if (big_sizes_js && failed_errnos_js && last_js && napi_create_object(env, &result) == napi_ok &&
        set_number(env, result, "files", files) && set_number(env, result, "bytes", bytes) &&
        set_number(env, result, "symlinks", symlinks) && set_number(env, result, "others", others) &&
        napi_set_named_property(env, result, "dirs", dirs) == napi_ok &&
        (big = big_value(env, &big_names)) != NULL && napi_set_named_property(env, result, "big", big) == napi_ok &&
        napi_set_named_property(env, result, "bigSizes", big_sizes_js) == napi_ok &&
        napi_set_named_property(env, result, "failed", failed) == napi_ok &&
        napi_set_named_property(env, result, "failedErrnos", failed_errnos_js) == napi_ok &&
        napi_set_named_property(env, result, "last", last_js) == napi_ok && zero &&
        napi_set_named_property(env, result, "zero", zero) == napi_ok &&
        napi_set_named_property(env, result, "sequences", sequences) == napi_ok) {
    } else {
      result = NULL;
    }
  }
  frames_reset(frames);
  free(big_names.data);
  free(zero_names.data);
  free(big_sizes.data);
  free(failed_errnos.data);
  return result ? result : throw_status(env);
}

// Context-aware, so each walker thread can load it.
NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "listDir", NAPI_AUTO_LENGTH, list_dir, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "listDir", fn) != napi_ok) return NULL;
  if (!wrangle_register_fs(env, exports)) return NULL;
  if (!wrangle_register_stat(env, exports)) return NULL;
  if (!wrangle_register_copy(env, exports)) return NULL;
  if (!wrangle_register_copy_thread(env, exports)) return NULL;
  if (!wrangle_register_hashes(env, exports)) return NULL;
  if (!wrangle_register_frame_rules(env, exports)) return NULL;
  return exports;
}
