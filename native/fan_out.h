// Work for several destinations side by side: one call per destination, each on its own thread, so a job
// copying to two drives goes at the pace of the slower one, not of both added up.
#ifndef WRANGLE_FAN_OUT_H
#define WRANGLE_FAN_OUT_H

// The most calls one fan_run makes side by side (copy_task.h's TASK_MAX_OUTS).
#define FAN_MAX 8

typedef void (*fan_fn)(void* ctx, int index);

// Call fn(ctx, i) for every i in [0, count) and return when all have returned. Index 0 runs on the calling
// thread, the others on helper threads that belong to the calling thread (started on first use, stopped
// when it exits). Where a helper cannot be started, its calls run on the calling thread, one after another.
void fan_run(int count, fan_fn fn, void* ctx);

#endif
