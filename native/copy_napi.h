// Registers the copy calls on the addon's exports (see copy_napi.c).
#ifndef WRANGLE_COPY_NAPI_H
#define WRANGLE_COPY_NAPI_H

#include <node_api.h>

int wrangle_register_copy(napi_env env, napi_value exports);

#endif
