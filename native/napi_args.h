// Argument checks shared by the addon's Node-API files.
#ifndef WRANGLE_NAPI_ARGS_H
#define WRANGLE_NAPI_ARGS_H

#include <node_api.h>

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

#endif
