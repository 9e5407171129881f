// The rules are documented once, in src-shared/frame-rules.ts; tests/integration/native-frames.test.ts holds
// the two together. Each walker thread lists folders with its own addon instance, so the list is per thread.
#include "frame_rules.h"

#include <stdlib.h>
#include <string.h>

// MAX_EXTENSION_LENGTH in sequence-extensions.ts.
#define MAX_EXTENSION 16

typedef struct {
  char text[MAX_EXTENSION];  // lower case, not NUL-terminated
  size_t length;
} extension_entry;

typedef struct {
  int any;  // "*": every extension
  extension_entry* entries;
  size_t count;
} extension_list;

// Until a thread is told otherwise, no extension forms sequences (the TS side always tells it first).
static _Thread_local extension_list thread_list;

static unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c; }

static int is_ascii_letter(unsigned char c) {
  unsigned char lower = c | 0x20;
  return lower >= 'a' && lower <= 'z';
}

int frame_allowed(const char* name, size_t n, const frame_position* at) {
  const unsigned char* s = (const unsigned char*)name;
  if (at->start > 0) {
    unsigned char token = s[at->start - 1] | 0x20;
    // v### or c###: a version or a clip counter, not a frame.
    if ((token == 'v' || token == 'c') && (at->start == 1 || !is_ascii_letter(s[at->start - 2]))) return 0;
  }
  const extension_list* list = &thread_list;
  if (list->any) return 1;
  if (at->extension >= n) return 0;
  size_t from = at->extension + 1;
  size_t length = n - from;
  for (size_t e = 0; e < list->count; e++) {
    const extension_entry* entry = &list->entries[e];
    if (entry->length != length) continue;
    size_t k = 0;
    while (k < length && ascii_lower(s[from + k]) == (unsigned char)entry->text[k]) k++;
    if (k == length) return 1;
  }
  return 0;
}

// setSequenceExtensions(list: string[]): entries already parsed by sequence-extensions.ts (lower case).
static napi_value set_sequence_extensions(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  uint32_t count = 0;
  bool is_array = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_is_array(env, argv[0], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[0], &count) != napi_ok) {
    napi_throw_type_error(env, NULL, "setSequenceExtensions(list: string[])");
    return NULL;
  }
  extension_entry* entries = count ? calloc(count, sizeof *entries) : NULL;
  if (count && !entries) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  int any = 0;
  for (uint32_t i = 0; i < count; i++) {
    napi_value item;
    char text[MAX_EXTENSION + 2];
    size_t length = 0;
    if (napi_get_element(env, argv[0], i, &item) != napi_ok ||
        napi_get_value_string_utf8(env, item, text, sizeof text, &length) != napi_ok || length == 0 ||
        length > MAX_EXTENSION) {
      free(entries);
      napi_throw_type_error(env, NULL, "setSequenceExtensions: each entry is a string of 1 to 16 bytes");
      return NULL;
    }
    if (length == 1 && text[0] == '*') any = 1;
    for (size_t k = 0; k < length; k++) entries[i].text[k] = (char)ascii_lower((unsigned char)text[k]);
    entries[i].length = length;
  }
  free(thread_list.entries);
  thread_list = (extension_list){any, entries, count};
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  return undefined;
}

int wrangle_register_frame_rules(napi_env env, napi_value exports) {
  napi_value fn;
  return napi_create_function(env, "setSequenceExtensions", NAPI_AUTO_LENGTH, set_sequence_extensions, NULL,
                              &fn) == napi_ok &&
         napi_set_named_property(env, exports, "setSequenceExtensions", fn) == napi_ok;
}
