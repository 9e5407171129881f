{
  "targets": [
    {
      "target_name": "wrangle_native",
      "sources": ["native/list_dir.c", "native/frame_name.c", "native/frame_buckets.c", "native/sequence_text.c", "native/xxh64.c", "native/copy_task.c", "native/transfer_napi.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
