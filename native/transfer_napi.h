// Registers the transfer engine's functions on the addon's exports (see transfer_napi.c).
#ifndef WRANGLE_TRANSFER_NAPI_H
#define WRANGLE_TRANSFER_NAPI_H

#include <node_api.h>

int wrangle_register_transfer(napi_env env, napi_value exports);

#endif
