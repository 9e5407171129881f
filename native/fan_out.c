// Helper threads for fan_run. See fan_out.h.
//
// Each calling thread (a copy lane) owns its helpers: a fan_run from one lane never waits on another's.
// A round is announced by bumping `round` under the lock; each helper runs its index and counts down.
#include "fan_out.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t start, finished;
  uint64_t round;
  int pending;  // helpers still running this round
  int stopping;
  int count;
  fan_fn fn;
  void* ctx;
  int started;  // helpers 1..started exist
  pthread_t threads[FAN_MAX];
} fan_pool;

typedef struct {
  fan_pool* pool;
  int index;
  uint64_t round;  // the round already announced when the helper was started
} helper_arg;

static pthread_key_t pool_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void* helper_main(void* raw) {
  helper_arg arg = *(helper_arg*)raw;
  free(raw);
  fan_pool* p = arg.pool;
  uint64_t seen = arg.round;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (p->round == seen && !p->stopping) pthread_cond_wait(&p->start, &p->lock);
    if (p->stopping) break;
    seen = p->round;
    if (arg.index >= p->count) continue;  // not needed this round
    fan_fn fn = p->fn;
    void* ctx = p->ctx;
    pthread_mutex_unlock(&p->lock);
    fn(ctx, arg.index);
    pthread_mutex_lock(&p->lock);
    if (--p->pending == 0) pthread_cond_signal(&p->finished);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

// The calling thread is ending: stop its helpers and free them.
static void pool_free(void* raw) {
  fan_pool* p = raw;
  pthread_mutex_lock(&p->lock);
  p->stopping = 1;
  pthread_cond_broadcast(&p->start);
  pthread_mutex_unlock(&p->lock);
  for (int i = 1; i <= p->started; i++) pthread_join(p->threads[i], NULL);
  pthread_mutex_destroy(&p->lock);
  pthread_cond_destroy(&p->start);
  pthread_cond_destroy(&p->finished);
  free(p);
}

static void make_key(void) {
  pthread_key_create(&pool_key, pool_free);
}

static fan_pool* pool_of_this_thread(void) {
  pthread_once(&key_once, make_key);
  fan_pool* p = pthread_getspecific(pool_key);
  if (p) return p;
  p = calloc(1, sizeof(*p));
  if (!p) return NULL;
  pthread_mutex_init(&p->lock, NULL);
  pthread_cond_init(&p->start, NULL);
  pthread_cond_init(&p->finished, NULL);
  if (pthread_setspecific(pool_key, p) != 0) {
    pool_free(p);
    return NULL;
  }
  return p;
}

// Start helpers up to index `count - 1`; how many exist afterwards.
static int grow(fan_pool* p, int count) {
  while (p->started < count - 1) {
    helper_arg* arg = malloc(sizeof(*arg));
    if (!arg) break;
    arg->pool = p;
    arg->index = p->started + 1;
    arg->round = p->round;  // only this (owning) thread moves it
    if (pthread_create(&p->threads[arg->index], NULL, helper_main, arg) != 0) {
      free(arg);
      break;
    }
    p->started++;
  }
  return p->started;
}

void fan_run(int count, fan_fn fn, void* ctx) {
  if (count > FAN_MAX) count = FAN_MAX;
  fan_pool* p = count > 1 ? pool_of_this_thread() : NULL;
  int helpers = p ? grow(p, count) : 0;
  if (helpers > count - 1) helpers = count - 1;
  if (helpers > 0) {
    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->ctx = ctx;
    p->count = helpers + 1;
    p->pending = helpers;
    p->round++;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->lock);
  }
  fn(ctx, 0);
  for (int i = helpers + 1; i < count; i++) fn(ctx, i);  // no helper for these: run them here
  if (helpers > 0) {
    pthread_mutex_lock(&p->lock);
    while (p->pending > 0) pthread_cond_wait(&p->finished, &p->lock);
    pthread_mutex_unlock(&p->lock);
  }
}
