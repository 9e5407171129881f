// Registers the stat and listing calls on the addon's exports (see stat_napi.c).
#ifndef WRANGLE_STAT_NAPI_H
#define WRANGLE_STAT_NAPI_H

#include <node_api.h>

int wrangle_register_stat(napi_env env, napi_value exports);

#endif
