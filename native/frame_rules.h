// Which numbered names may join a sequence: the C twin of src-shared/frame-rules.ts. The list of extensions
// comes from TypeScript (setSequenceExtensions), never from here: src-shared/sequence-extensions.ts is the list.
#ifndef WRANGLE_FRAME_RULES_H
#define WRANGLE_FRAME_RULES_H

#include <node_api.h>
#include <stddef.h>

#include "frame_name.h"

// After scan_frame found `at` in name[0, n): 1 when this thread's rules let it join a sequence.
int frame_allowed(const char* name, size_t n, const frame_position* at);

// Registers setSequenceExtensions(list: string[]) on the addon's exports: the calling thread's list.
int wrangle_register_frame_rules(napi_env env, napi_value exports);

#endif
