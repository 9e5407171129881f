// JavaScript values the addon's Node-API files hand back.
#ifndef WRANGLE_NAPI_VALUES_H
#define WRANGLE_NAPI_VALUES_H

#include <node_api.h>

#include <stdint.h>

#include "utf8.h"

// Throw `message` unless an exception is already on its way; NULL, for the caller to return.
static inline napi_value undefined_on_error(napi_env env, const char* message) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, NULL, message);
  return NULL;
}

static inline napi_value int_value(napi_env env, int64_t value) {
  napi_value out;
  return napi_create_int64(env, value, &out) == napi_ok ? out : NULL;
}

// A name for JavaScript: a string when it is UTF-8, else a Buffer of its bytes.
static inline napi_value name_value(napi_env env, const char* name, size_t length) {
  napi_value value;
  napi_status status = utf8_valid((const unsigned char*)name, length)
                           ? napi_create_string_utf8(env, name, length, &value)
                           : napi_create_buffer_copy(env, length, name, NULL, &value);
  return status == napi_ok ? value : NULL;
}

#endif
