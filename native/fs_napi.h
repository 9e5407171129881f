// Registers the directory-descriptor calls on the addon's exports (see fs_napi.c).
#ifndef WRANGLE_FS_NAPI_H
#define WRANGLE_FS_NAPI_H

#include <node_api.h>

int wrangle_register_fs(napi_env env, napi_value exports);

#endif
