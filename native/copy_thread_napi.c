// What a copy thread sets once for its copies and reads back after each: the hash formats, the filesystems
// a batch goes between, one flush for a batch, and the hashes of the last copy. All of it is per thread.
#define _GNU_SOURCE
#include <node_api.h>

#include <errno.h>
#include <stdint.h>
#include <sys/types.h>
#include <unistd.h>

#include "copy_task.h"
#include "copy_thread_napi.h"
#include "hash_napi.h"
#include "napi_args.h"
#include "napi_exports.h"
#include "napi_values.h"

// What the last copyFile or finished task on this thread hashed: every chosen format of the source (hex, in
// hashes.h bit order; C4 as sha512), and the source and first copy in the read-back format.
static _Thread_local char last_source_hashes[HASH_FORMAT_COUNT][HASH_HEX_MAX];
static _Thread_local char last_source_check[HASH_HEX_MAX];
static _Thread_local char last_copy_check[HASH_HEX_MAX];

void copy_remember_hashes(copy_task* task) {
  last_source_check[0] = last_copy_check[0] = '\0';
  for (int i = 0; i < HASH_FORMAT_COUNT; i++) last_source_hashes[i][0] = '\0';
  if (!task->src_hash) return;
  for (int i = 0; i < HASH_FORMAT_COUNT; i++) hashes_hex(task->src_hash, 1 << i, last_source_hashes[i]);
  hashes_hex(task->src_hash, task->check_format, last_source_check);
  for (int i = 0; i < task->out_count; i++)
    if (task->outs[i].check) {
      hashes_hex(task->outs[i].check, task->check_format, last_copy_check);
      break;
    }
}

// syncFs(fd) -> 0 | errno: write back everything of fd's filesystem and wait (one flush for a batch of copies).
static napi_value sync_fs(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t fd;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &fd)) return NULL;
  return int_value(env, syncfs((int)fd) == 0 ? 0 : errno);
}

// setHashMask(mask): the formats (hashes.h bits) this thread's copies hash, once per copy thread.
static napi_value set_hash_mask(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  int64_t mask;
  if (!get_args(env, info, 1, argv) || !get_int(env, argv[0], &mask)) return NULL;
  task_set_hash_mask((int)mask);
  return int_value(env, 0);
}

// hintDevices(srcDev, dstDev): the filesystems this thread's next copies go between.
static napi_value hint_devices(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  double src, dst;
  if (!get_args(env, info, 2, argv) || !get_double(env, argv[0], &src) || !get_double(env, argv[1], &dst)) return NULL;
  task_hint_devices((dev_t)src, (dev_t)dst);
  return int_value(env, 0);
}

// lastHashes() -> [sourceHex, copyHex]: this thread's last copyFile or finished task, in the read-back
// format ('' when off).
static napi_value last_hashes(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value array, source, copy;
  if (napi_create_array_with_length(env, 2, &array) != napi_ok ||
      napi_create_string_utf8(env, last_source_check, NAPI_AUTO_LENGTH, &source) != napi_ok ||
      napi_create_string_utf8(env, last_copy_check, NAPI_AUTO_LENGTH, &copy) != napi_ok ||
      napi_set_element(env, array, 0, source) != napi_ok || napi_set_element(env, array, 1, copy) != napi_ok)
    return NULL;
  return array;
}

// lastSourceHashes() -> string[6]: every chosen format of the last source, in hashes.h bit order ('' if not).
static napi_value last_source_hashes_js(napi_env env, napi_callback_info info) {
  (void)info;
  return hex_strings(env, (const char(*)[HASH_HEX_MAX])last_source_hashes, HASH_FORMAT_COUNT);
}

int wrangle_register_copy_thread(napi_env env, napi_value exports) {
  static const wrangle_export functions[] = {
      {"syncFs", sync_fs},         {"setHashMask", set_hash_mask},        {"hintDevices", hint_devices},
      {"lastHashes", last_hashes}, {"lastSourceHashes", last_source_hashes_js},
  };
  return wrangle_export_all(env, exports, functions, sizeof(functions) / sizeof(functions[0]));
}
