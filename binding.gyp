{
  "targets": [
    {
      "target_name": "wrangle_native",
      # Only Node-API (node_api.h) is used, never V8, NAN or libuv directly. Node-API is ABI-stable across
      # Node and Electron versions, so the one build node-gyp makes against Node loads in Electron as well:
      # no electron-rebuild is needed, and electron-builder.yml keeps npmRebuild: false. The packaged app
      # ships this file as an extraResources entry (docs/packaging.md).
      "sources": [
        "native/list_dir.c", "native/frame_name.c", "native/frame_rules.c", "native/frame_buckets.c", "native/sequence_text.c",
        "native/xxh64.c", "native/copy_task.c", "native/copy_data.c", "native/copy_verify.c", "native/fan_out.c",
        "native/fs_napi.c", "native/stat_napi.c", "native/copy_napi.c", "native/copy_thread_napi.c",
        "native/hashes.c", "native/hash_napi.c"
      ],
      # Electron runs with the V8 memory cage, which forbids buffers over memory the addon owns;
      # with this define node_api.h drops napi_create_external_buffer/arraybuffer, so using one fails to
      # compile rather than crash in the app. (napi_create_external, an opaque handle, stays allowed.)
      "defines": ["NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      # md5, sha1 and sha512 come from OpenSSL 3's libcrypto (libssl-dev); xxHash is inlined from its header.
      # Under Node the EVP calls bind to the OpenSSL that node itself exports; Electron exports none, so
      # there the system's libcrypto.so.3 serves them.
      "libraries": ["-lcrypto"]
    }
  ]
}
