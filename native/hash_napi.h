// Registers the hashing functions on the addon's exports (see hash_napi.c).
#ifndef WRANGLE_HASH_NAPI_H
#define WRANGLE_HASH_NAPI_H

#include <node_api.h>

#include "hashes.h"

int wrangle_register_hashes(napi_env env, napi_value exports);

// A JavaScript array of `count` hex digests (HASH_HEX_MAX bytes each, NUL-terminated; "" for none).
napi_value hex_strings(napi_env env, const char hex[][HASH_HEX_MAX], int count);

#endif
