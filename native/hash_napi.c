// Hashing for JavaScript (hashes.h): streaming hashers the verify worker and the ASC MHL code drive with
// their own buffers, a one-shot hash of a byte array, and dropCache, which lets a verifier read a copy back
// from the disk rather than from the page cache; xxh64 is the copy engine's own hasher, for tests. Digests
// come back as six strings in the order of src-shared/hash-formats.ts ('' for a format not asked for); the
// mask's bits follow the same order.
#define _GNU_SOURCE
#include <node_api.h>

#include <fcntl.h>
#include <math.h>
#include <stdio.h>

#include "hash_napi.h"
#include "napi_args.h"
#include "napi_exports.h"
#include "hashes.h"
#include "xxh64.h"

// A format mask: at least one known format, nothing else.
static int get_mask(napi_env env, napi_value value, int* mask) {
  int32_t raw = 0;
  if (napi_get_value_int32(env, value, &raw) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected a format mask");
    return 0;
  }
  if (raw <= 0 || raw >= (1 << HASH_FORMAT_COUNT)) {
    napi_throw_range_error(env, NULL, "format mask out of range");
    return 0;
  }
  *mask = raw;
  return 1;
}

// The bytes of any TypedArray (a Buffer is a Uint8Array), whatever its element type.
static int get_bytes(napi_env env, napi_value value, const void** data, size_t* length) {
  bool is_typedarray = false;
  napi_typedarray_type type;
  size_t count = 0;
  void* raw = NULL;
  if (napi_is_typedarray(env, value, &is_typedarray) != napi_ok || !is_typedarray ||
      napi_get_typedarray_info(env, value, &type, &count, &raw, NULL, NULL) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected a Buffer or TypedArray");
    return 0;
  }
  size_t element = 1;
  switch (type) {
    case napi_int16_array:
    case napi_uint16_array:
      element = 2;
      break;
    case napi_int32_array:
    case napi_uint32_array:
    case napi_float32_array:
      element = 4;
      break;
    case napi_float64_array:
    case napi_bigint64_array:
    case napi_biguint64_array:
      element = 8;
      break;
    default:
      break;
  }
  *data = raw;
  *length = count * element;
  return 1;
}

static hash_set* get_set(napi_env env, napi_value value) {
  void* set = NULL;
  if (napi_get_value_external(env, value, &set) != napi_ok || !set) {
    napi_throw_type_error(env, NULL, "expected a hasher");
    return NULL;
  }
  return set;
}

static napi_value undefined(napi_env env) {
  napi_value value;
  return napi_get_undefined(env, &value) == napi_ok ? value : NULL;
}

napi_value hex_strings(napi_env env, const char hex[][HASH_HEX_MAX], int count) {
  napi_value array;
  if (napi_create_array_with_length(env, (size_t)count, &array) != napi_ok) return NULL;
  for (int i = 0; i < count; i++) {
    napi_value text;
    if (napi_create_string_latin1(env, hex[i], NAPI_AUTO_LENGTH, &text) != napi_ok ||
        napi_set_element(env, array, (uint32_t)i, text) != napi_ok)
      return NULL;
  }
  return array;
}

// The six hex digests of `set`, in HASH_FORMATS order.
static napi_value hex_array(napi_env env, const hash_set* set) {
  char hex[HASH_FORMAT_COUNT][HASH_HEX_MAX];
  for (int i = 0; i < HASH_FORMAT_COUNT; i++) hashes_hex(set, 1 << i, hex[i]);
  return hex_strings(env, (const char(*)[HASH_HEX_MAX])hex, HASH_FORMAT_COUNT);
}

static void set_finalize(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  hashes_free(data);
}

// hasherNew(mask) -> hasher, freed when it is garbage collected.
static napi_value hasher_new(napi_env env, napi_callback_info info) {
  napi_value argv[1], external;
  int mask;
  if (!get_args(env, info, 1, argv) || !get_mask(env, argv[0], &mask)) return NULL;
  hash_set* set = hashes_new(mask);
  if (!set) {
    napi_throw_error(env, NULL, "cannot start a hasher (out of memory, or OpenSSL lacks a digest)");
    return NULL;
  }
  if (napi_create_external(env, set, set_finalize, NULL, &external) != napi_ok) {
    hashes_free(set);
    return NULL;
  }
  return external;
}

// hasherUpdate(hasher, data)
static napi_value hasher_update(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  const void* data;
  size_t length;
  if (!get_args(env, info, 2, argv)) return NULL;
  hash_set* set = get_set(env, argv[0]);
  if (!set || !get_bytes(env, argv[1], &data, &length)) return NULL;
  hashes_update(set, data, length);
  return undefined(env);
}

// hasherUpdateZeros(hasher, n): n zero bytes (a sparse file's holes).
static napi_value hasher_update_zeros(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  double count;
  if (!get_args(env, info, 2, argv)) return NULL;
  hash_set* set = get_set(env, argv[0]);
  if (!set) return NULL;
  if (napi_get_value_double(env, argv[1], &count) != napi_ok || !(count >= 0) || count > 9007199254740991.0 ||
      count != floor(count)) {
    napi_throw_range_error(env, NULL, "expected a whole number of bytes");
    return NULL;
  }
  hashes_update_zeros(set, (uint64_t)count);
  return undefined(env);
}

// hasherHex(hasher) -> string[6]; the hasher can go on being updated.
static napi_value hasher_hex(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  hash_set* set = get_set(env, argv[0]);
  return set ? hex_array(env, set) : NULL;
}

// hasherReset(hasher): start a new stream with the same formats.
static napi_value hasher_reset(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  hash_set* set = get_set(env, argv[0]);
  if (!set) return NULL;
  hashes_reset(set);
  return undefined(env);
}

// hashBytes(mask, data) -> string[6]
static napi_value hash_bytes(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int mask;
  const void* data;
  size_t length;
  if (!get_args(env, info, 2, argv) || !get_mask(env, argv[0], &mask) || !get_bytes(env, argv[1], &data, &length))
    return NULL;
  hash_set* set = hashes_new(mask);
  if (!set) {
    napi_throw_error(env, NULL, "cannot start a hasher (out of memory, or OpenSSL lacks a digest)");
    return NULL;
  }
  hashes_update(set, data, length);
  napi_value result = hex_array(env, set);
  hashes_free(set);
  return result;
}

// dropCache(fd) -> 0 | errno: the kernel forgets the file's clean cached pages, so the next read comes
// from the disk (dirty pages stay until written back: sync before asking).
static napi_value drop_cache(napi_env env, napi_callback_info info) {
  napi_value argv[1], out;
  int32_t fd;
  if (!get_args(env, info, 1, argv)) return NULL;
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok) {
    napi_throw_type_error(env, NULL, "expected a file descriptor");
    return NULL;
  }
  int rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);  // returns the error itself, not -1
  return napi_create_int32(env, rc, &out) == napi_ok ? out : NULL;
}

static void hash_hex(uint64_t hash, char out[17]) {
  snprintf(out, 17, "%016llx", (unsigned long long)hash);
}

// xxh64(data: Buffer | TypedArray) -> hex: the hasher itself, for tests against known vectors.
static napi_value xxh64_js(napi_env env, napi_callback_info info) {
  napi_value argv[1], out;
  void* data = NULL;
  size_t length = 0;
  if (!get_args(env, info, 1, argv) || napi_get_buffer_info(env, argv[0], &data, &length) != napi_ok) return NULL;
  xxh64_state state;
  xxh64_reset(&state, 0);
  xxh64_update(&state, data, length);
  char hex[17];
  hash_hex(xxh64_digest(&state), hex);
  return napi_create_string_utf8(env, hex, 16, &out) == napi_ok ? out : NULL;
}

int wrangle_register_hashes(napi_env env, napi_value exports) {
  static const wrangle_export functions[] = {
      {"hasherNew", hasher_new},   {"hasherUpdate", hasher_update}, {"hasherUpdateZeros", hasher_update_zeros},
      {"hasherHex", hasher_hex},   {"hasherReset", hasher_reset},   {"hashBytes", hash_bytes},
      {"dropCache", drop_cache},   {"xxh64", xxh64_js},
  };
  return wrangle_export_all(env, exports, functions, sizeof(functions) / sizeof(functions[0]));
}
