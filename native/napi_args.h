// Argument checks shared by the addon's Node-API files.
#ifndef WRANGLE_NAPI_ARGS_H
#define WRANGLE_NAPI_ARGS_H

#include <node_api.h>

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

// The first `want` arguments into argv; throws a TypeError (and returns 0) when fewer were passed.
static inline int get_args(napi_env env, napi_callback_info info, size_t want, napi_value* argv) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  if (argc < want) {
    napi_throw_type_error(env, NULL, "missing arguments");
    return 0;
  }
  return 1;
}

static inline int get_int(napi_env env, napi_value value, int64_t* out) {
  return napi_get_value_int64(env, value, out) == napi_ok;
}

static inline int get_double(napi_env env, napi_value value, double* out) {
  return napi_get_value_double(env, value, out) == napi_ok;
}

// A name or relative path argument into `out` (PATH_MAX bytes): a string, or a Buffer of raw bytes.
static inline int get_name(napi_env env, napi_value value, char* out) {
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

static inline int get_float64s(napi_env env, napi_value value, double** data, size_t* length) {
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

// Four arguments (atime s, ns, mtime s, ns) into the times utimensat and futimens take.
static inline int get_times(napi_env env, napi_value* argv, struct timespec times[2]) {
  double values[4];
  for (int i = 0; i < 4; i++)
    if (!get_double(env, argv[i], &values[i])) return 0;
  times[0].tv_sec = (time_t)values[0];
  times[0].tv_nsec = (long)values[1];
  times[1].tv_sec = (time_t)values[2];
  times[1].tv_nsec = (long)values[3];
  return 1;
}

#endif
