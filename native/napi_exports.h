// A Node-API file's functions, as one table it puts on the addon's exports.
#ifndef WRANGLE_NAPI_EXPORTS_H
#define WRANGLE_NAPI_EXPORTS_H

#include <node_api.h>

#include <stddef.h>

typedef struct {
  const char* name;  // the JavaScript name
  napi_callback fn;
} wrangle_export;

// Every function of `table` on `exports` under its name; 0 when one could not be set.
static inline int wrangle_export_all(napi_env env, napi_value exports, const wrangle_export* table, size_t count) {
  for (size_t i = 0; i < count; i++) {
    napi_value fn;
    if (napi_create_function(env, table[i].name, NAPI_AUTO_LENGTH, table[i].fn, NULL, &fn) != napi_ok ||
        napi_set_named_property(env, exports, table[i].name, fn) != napi_ok)
      return 0;
  }
  return 1;
}

#endif
