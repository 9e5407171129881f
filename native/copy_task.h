// One file on its way from a source folder to a destination folder, in steps a caller can bound by bytes
// and time (so pause, cancel and a bandwidth limit act inside a big file). All paths are names relative to
// directory descriptors: nothing here follows a symlink or walks a path string.
#ifndef WRANGLE_COPY_TASK_H
#define WRANGLE_COPY_TASK_H

#include <stdint.h>
#include <sys/stat.h>

#include "hashes.h"

// Task flags.
enum {
  TASK_VERIFY = 1,      // hash the source as it is read, read the copy back and compare before it gets its name
  TASK_REPLACE = 2,     // the name may exist: publish by renaming a temporary name over it
  TASK_TMPFILE = 4,     // try an unnamed O_TMPFILE (linked into place at the end)
  TASK_NO_REFLINK = 8,  // never FICLONE (tests, and copies that must own their blocks)
  TASK_HASH_ONLY = 16,  // no destination: just hash the source (to compare an existing copy)
  TASK_MOVE = 32,       // copyFile only: unlink the source once its copy has its name
  TASK_OWN_ATTRS = 64,  // give the copy the mode and times of the source as it was opened (not those passed)
  TASK_HASH = 128,      // hash the source as it is read (for a history or checksum file), without reading back
  // With TASK_VERIFY: stop with R_COPIED once the data is written, so the caller can flush a whole batch of
  // copies at once (one syncfs, not one fdatasync each) before they are read back on the next task_step.
  TASK_DEFER_VERIFY = 512,
};

// One source goes to at most this many destinations (offload copies: the first and up to seven more).
#define TASK_MAX_OUTS 8

// Step and finish results; errors are negative: -(stage << 16 | errno).
enum {
  R_MORE = 0,           // step: more work, call again
  R_DONE = 1,           // step: data (and verification) done; finish: published
  R_EXISTS = 2,         // finish: the target name exists (someone else made it meanwhile)
  R_CHANGED = 3,        // the source changed (size or modified time) while it was copied
  R_MISMATCH = 4,       // the copy read back does not hash like the source
  R_SOURCE_KEPT = 5,    // copyFile with TASK_MOVE: published, but the source could not be removed
  R_COPIED = 6,         // step with TASK_DEFER_VERIFY: written, to be read back on the next step
};

enum {
  STAGE_OPEN_SOURCE = 1,
  STAGE_CREATE = 2,
  STAGE_COPY = 3,
  STAGE_VERIFY = 4,
  STAGE_ATTRS = 5,
  STAGE_PUBLISH = 6,
  STAGE_REMOVE_SOURCE = 7,
};

#define TASK_ERROR(stage, err) (-(((stage) << 16) | (err)))

// One destination's copy of the source.
typedef struct {
  int fd;
  int dir;  // not owned
  int tmpfile;  // an unnamed O_TMPFILE
  int published;
  char temp_name[256];  // when not a tmpfile: the temporary name in dir
  // 0 while this copy is fine; R_MISMATCH or a negative error once it failed. The other copies go on.
  int status;
  // The read-back came from storage: the copy was flushed and its pages had left the page cache.
  int cache_dropped;
  int reading_back;  // the read-back has begun (the cache was dropped first)
  int read_back;     // the read-back is over (and compared)
  uint64_t verify_pos;
  uint64_t verify_seg_end;  // sparse verify: end of the data segment being read back
  hash_set* check;          // the copy as read back (one format: the cheapest chosen)
} task_out;

typedef struct {
  int src_fd;
  int flags;
  struct stat src_st;  // the source when it was opened
  uint64_t pos;        // how far into the source (holes included)
  uint64_t seg_end;    // sparse copy: end of the data segment being copied (0: find the next one)
  uint64_t written;    // data bytes read and written so far
  int sparse;
  int method;  // 0: not chosen yet, 1: reflinked, 2: copy_file_range, 3: sendfile, 4: read and write
  int phase;   // 0: copy, 1: verify, 2: ready
  int out_count;
  task_out outs[TASK_MAX_OUTS];
  hash_set* src_hash;  // every chosen format of the source; NULL when not hashing
  int check_format;    // the format bit copies are read back with
  char check_hex[HASH_HEX_MAX];  // the source in that format, once the copy phase is over
} copy_task;

// Set the temporary-name tag, ".wrangle-part-<host>-<pid>-<start>-": names become ".<name><tag><n>".
void task_set_temp_tag(const char* tag);

// A fresh temporary name for `name`: ".<name><tag><n>", shortened to fit NAME_MAX.
void task_temp_name(char out[256], const char* name);

// The hash formats (hashes.h bits) this thread's next tasks compute when they hash; xxh64 until set.
void task_set_hash_mask(int mask);

// Open `name` in `src_dir` (never following a symlink) and create its unnamed or temporary copy in each of
// the `out_count` folders `dst_dirs` (none for TASK_HASH_ONLY). 0 or an error; on error nothing is left open
// or created. A destination whose copy cannot be created is marked failed (task_out_status) while the others
// go on; only when none can be created is the first one's error returned.
int task_open(copy_task* task, int src_dir, const char* name, const int* dst_dirs, int out_count, int flags);

// 0 while copy `index` is fine, or why it failed (R_MISMATCH, a negative error).
int task_out_status(const copy_task* task, int index);

// Move at most `max_bytes` (data written) or `max_ns` of work forward. *advanced gets how far the file
// moved on (holes included), *written the data bytes written, *checked the bytes of copies read back (which
// count against max_bytes too). R_MORE, R_DONE, R_CHANGED, or (when every copy
// failed) the first copy's R_MISMATCH or error. With R_DONE, some copies may still have failed: see
// task_out_status.
int task_step(copy_task* task, uint64_t max_bytes, uint64_t max_ns, uint64_t* advanced, uint64_t* written,
              uint64_t* checked);

// Give finished copy `index` its mode and times, then its name `target` in its destination folder.
int task_finish(copy_task* task, int index, const char* target, mode_t mode, const struct timespec times[2]);

// After a move's copy is published: unlink the source name if it is still the file that was copied.
int task_remove_source(copy_task* task, int src_dir, const char* name);

// Close everything; a copy that never got its name is discarded (an O_TMPFILE vanishes, a temp name is unlinked).
void task_close(copy_task* task);

// The devices the next copies on this thread go between (a batch of one folder), so no fstat learns them.
// Only used for single-destination copies.
void task_hint_devices(dev_t src, dev_t dst);

// Whether O_TMPFILE works in `dir`: 1 yes, 0 no.
int tmpfile_supported(int dir);

#endif
