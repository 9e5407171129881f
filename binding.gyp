{
  "targets": [
    {
      "target_name": "wrangle_native",
      "sources": ["native/list_dir.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
