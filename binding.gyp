{
  "targets": [
    {
      "target_name": "wrangle_native",
      # Only Node-API (node_api.h) is used, never V8 or libuv directly, so one build loads in Node and in
      # Electron alike.
      "sources": [
        "native/list_dir.c", "native/frame_name.c", "native/frame_buckets.c", "native/sequence_text.c",
        "native/xxh64.c", "native/copy_task.c", "native/copy_data.c", "native/copy_verify.c", "native/fan_out.c",
        "native/fs_napi.c", "native/stat_napi.c", "native/copy_napi.c", "native/copy_thread_napi.c",
        "native/hashes.c", "native/hash_napi.c"
      ],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      # md5, sha1 and sha512 come from OpenSSL 3's libcrypto (libssl-dev); xxHash is inlined from its header.
      # Under Node the EVP calls bind to the OpenSSL that node itself exports; Electron exports none, so
      # there the system's libcrypto.so.3 serves them.
      "libraries": ["-lcrypto"]
    }
  ]
}
