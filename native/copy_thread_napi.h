// Registers a copy thread's settings and last-copy calls on the addon's exports (see copy_thread_napi.c).
#ifndef WRANGLE_COPY_THREAD_NAPI_H
#define WRANGLE_COPY_THREAD_NAPI_H

#include <node_api.h>

#include "copy_task.h"

int wrangle_register_copy_thread(napi_env env, napi_value exports);

// Keep what `task` hashed for lastHashes and lastSourceHashes: after copyFile, or when a task's steps end.
void copy_remember_hashes(copy_task* task);

#endif
