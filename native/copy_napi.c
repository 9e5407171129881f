// The copy calls for JavaScript: a whole small file in one call (copyFile, copyFileMany), or a big one as a
// task stepped a bounded amount at a time (taskOpen, taskStep, taskFinish, ...). See copy_task.h.
//
// Conventions: a name is a string or a Buffer (for names that are not UTF-8). Copy calls return a copy_task.h
// result.
#define _GNU_SOURCE
#include <node_api.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "copy_napi.h"
#include "copy_task.h"
#include "copy_thread_napi.h"
#include "napi_args.h"
#include "napi_exports.h"
#include "napi_values.h"

static int get_results(napi_env env, napi_value value, double** out) {
  size_t length;
  if (!get_float64s(env, value, out, &length)) return 0;
  if (length < 5) {
    napi_throw_range_error(env, NULL, "result buffer too small");
    return 0;
  }
  return 1;
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
  copy_remember_hashes(task);
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
  if (rc != R_MORE) copy_remember_hashes(task);
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

int wrangle_register_copy(napi_env env, napi_value exports) {
  static const wrangle_export functions[] = {
      {"copyFile", copy_file},         {"copyFileMany", copy_file_many},
      {"taskOpen", task_open_js},      {"taskOpenMany", task_open_many_js},
      {"taskStep", task_step_js},      {"taskFinish", task_finish_js},
      {"taskFinishOut", task_finish_out_js}, {"taskStatuses", task_statuses_js},
      {"taskRemoveSource", task_remove_source_js}, {"taskClose", task_close_js},
  };
  return wrangle_export_all(env, exports, functions, sizeof(functions) / sizeof(functions[0]));
}
