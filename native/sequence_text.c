// The rules are documented once, in src-shared/sequences.ts (padding groups, steps, missing frames, the
// median test) and src-shared/frame-set.ts (the compact notation). tests/integration/native-frames.test.ts
// holds this file to the same results.
#include "sequence_text.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

// A frame is suspiciously small below this fraction of its sequence's median size (SUSPECT_SMALL_RATIO).
#define SUSPECT_SMALL_RATIO 0.1

static int append(text_buffer* out, const char* bytes, size_t length) {
  if (!grow((void**)&out->data, &out->capacity, out->length + length, 1)) return 0;
  memcpy(out->data + out->length, bytes, length);
  out->length += length;
  return 1;
}

static int append_text(text_buffer* out, const char* text) { return append(out, text, strlen(text)); }

static int append_int(text_buffer* out, long long value) {
  char digits[24];
  size_t at = sizeof digits;
  unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
  do {
    digits[--at] = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  if (value < 0) digits[--at] = '-';
  return append(out, digits + at, sizeof digits - at);
}

// Bytes as the inside of a JSON string. Invalid UTF-8 passes through; V8 turns it into U+FFFD.
static int append_json_chars(text_buffer* out, const char* bytes, size_t length) {
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)bytes[i];
    char escaped[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    int ok = c == '"' || c == '\\' ? append(out, (char[]){'\\', (char)c}, 2)
             : c < 0x20           ? append(out, escaped, 6)
                                  : append(out, (const char*)&c, 1);
    if (!ok) return 0;
  }
  return 1;
}

// fileseq's compact notation written straight into the output (FrameSetWriter in frame-set.ts).
typedef struct {
  text_buffer* out;
  int wrote;  // a part is written, so the next needs a comma
  long long start, last, stride;
  size_t count;
} frame_set;

static int frame_set_emit(frame_set* set, long long first, long long last, long long stride) {
  if (set->wrote && !append(set->out, ",", 1)) return 0;
  set->wrote = 1;
  if (!append_int(set->out, first)) return 0;
  if (first == last) return 1;
  if (!append(set->out, "-", 1) || !append_int(set->out, last)) return 0;
  return stride == 1 || (append(set->out, "x", 1) && append_int(set->out, stride));
}

static int frame_set_push(frame_set* set, long long frame) {
  if (set->count == 0) {
    set->start = set->last = frame;
    set->count = 1;
    return 1;
  }
  if (set->stride == 0) set->stride = frame - set->start;
  long long step = frame - set->last;
  if (step == set->stride) {
    set->last = frame;
    set->count++;
  } else if (set->count == 2 && set->stride != 1) {
    // Two frames with a stride are not worth "a-bxN": the first stands alone, the second pairs with this one.
    if (!frame_set_emit(set, set->start, set->start, 0)) return 0;
    set->start = set->last;
    set->stride = step;
    set->last = frame;
  } else {
    if (!frame_set_emit(set, set->start, set->last, set->stride)) return 0;
    set->start = set->last = frame;
    set->stride = 0;
    set->count = 1;
  }
  return 1;
}

// `n` frames first, first + step, …: the same text as pushing each, without expanding them.
static int frame_set_push_run(frame_set* set, long long first, long long step, long long n) {
  long long head = n < 3 ? n : 3;
  for (long long i = 0; i < head; i++)
    if (!frame_set_push(set, first + i * step)) return 0;
  if (n <= 3) return 1;
  set->last = first + (n - 1) * step;
  set->count += (size_t)(n - 3);
  return 1;
}

static int frame_set_finish(frame_set* set) {
  if (set->count == 2 && set->stride != 1)
    return frame_set_emit(set, set->start, set->start, 0) && frame_set_emit(set, set->last, set->last, 0);
  return set->count == 0 || frame_set_emit(set, set->start, set->last, set->stride);
}

static long long gcd(long long a, long long b) {
  while (b != 0) {
    long long t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

// k-th smallest of a[0, n) by quickselect; reorders a (select in sequences.ts).
static double select_kth(double* a, long n, long k) {
  long lo = 0, hi = n - 1;
  while (lo < hi) {
    double pivot = a[(lo + hi) >> 1];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

// Median of a[0, n), the mean of the middle two when n is even; reorders a.
static double median_of(double* a, long n) {
  long mid = n >> 1;
  double upper = select_kth(a, n, mid);
  if (n % 2 == 1) return upper;
  double lower = a[0];
  for (long k = 1; k < mid; k++)
    if (a[k] > lower) lower = a[k];
  return (lower + upper) / 2;
}

// qsort has no context argument; each walker thread sorts one group at a time.
static _Thread_local const frame_item* sort_items;

static int compare_frames(const void* a, const void* b) {
  double x = sort_items[*(const int32_t*)a].value;
  double y = sort_items[*(const int32_t*)b].value;
  return (x > y) - (x < y);
}

// Members sorted by frame into scratch->order, repeated frames dropped; returns how many.
static size_t sort_unique(sequence_scratch* scratch, const frame_item* items, const int32_t* members, size_t n) {
  double min = items[members[0]].value, max = min;
  for (size_t k = 1; k < n; k++) {
    double v = items[members[k]].value;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  int32_t* order = scratch->order;
  size_t count = 0;
  double range = max - min + 1;
  // Dense, the usual case: place each member at its frame (by comparison when the slots cannot be had).
  if (range <= 4.0 * (double)n + 64 &&
      grow((void**)&scratch->slots, &scratch->slots_capacity, (size_t)range, sizeof(int32_t))) {
    size_t slots = (size_t)range;
    memset(scratch->slots, 0xff, slots * sizeof(int32_t));
    for (size_t k = 0; k < n; k++) {
      size_t slot = (size_t)(items[members[k]].value - min);
      if (scratch->slots[slot] < 0) scratch->slots[slot] = members[k];
    }
    for (size_t slot = 0; slot < slots; slot++)
      if (scratch->slots[slot] >= 0) order[count++] = scratch->slots[slot];
    return count;
  }
  memcpy(order, members, n * sizeof(int32_t));
  sort_items = items;
  qsort(order, n, sizeof(int32_t), compare_frames);
  for (size_t k = 0; k < n; k++)
    if (count == 0 || items[order[count - 1]].value != items[order[k]].value) order[count++] = order[k];
  return count;
}

// One sequence from `n` members padded to `padding`, as a line; nothing when fewer than 2 distinct frames.
static int append_sequence(text_buffer* out, sequence_scratch* scratch, const char* prefix, size_t prefix_length,
                           const char* suffix, size_t suffix_length, frame_item* items,
                           const int32_t* members, size_t n, int padding) {
  size_t count = sort_unique(scratch, items, members, n);
  if (count < 2) return 1;
  const int32_t* order = scratch->order;
  for (size_t k = 0; k < count; k++) items[order[k]].in_sequence = 1;
  double* sizes = scratch->sizes;
  double total = 0, min_positive = -1, max_size = 0;
  size_t zero_count = 0;
  for (size_t k = 0; k < count; k++) {
    double size = items[order[k]].size;
    sizes[k] = size;
    total += size;
    if (size == 0) zero_count++;
    else if (min_positive < 0 || size < min_positive) min_positive = size;
    if (size > max_size) max_size = size;
  }
  long long first = (long long)items[order[0]].value;
  long long last = (long long)items[order[count - 1]].value;
  // A regular stride (x2, x3) is the step, not a gap, when at least half the frames on it are there.
  long long step = 1;
  if (count >= 3 && last - first != (long long)count - 1) {
    step = 0;
    for (size_t k = 1; k < count && step != 1; k++) step = gcd((long long)items[order[k]].value - first, step);
    if ((double)(count - 1) * 2 < (double)(last - first) / (double)step) step = 1;
  }
  double median = min_positive >= 0 && min_positive < max_size * SUSPECT_SMALL_RATIO ? median_of(sizes, (long)count) : 0;
  double limit = median * SUSPECT_SMALL_RATIO;

  size_t flag_at = out->length;
  if (!append_text(out, "0{\"pattern\":\"") || !append_json_chars(out, prefix, prefix_length)) return 0;
  for (int i = 0; i < padding; i++)
    if (!append(out, padding == 4 ? "#" : "@", 1)) return 0;
  if (!append_json_chars(out, suffix, suffix_length) || !append_text(out, "\",\"padding\":") ||
      !append_int(out, padding) || !append_text(out, ",\"first\":") || !append_int(out, first) ||
      !append_text(out, ",\"last\":") || !append_int(out, last) || !append_text(out, ",\"count\":") ||
      !append_int(out, (long long)count) || !append_text(out, ",\"frames\":\"")) {
    return 0;
  }
  frame_set frames = {out, 0, 0, 0, 0, 0};
  for (size_t k = 0; k < count; k++)
    if (!frame_set_push(&frames, (long long)items[order[k]].value)) return 0;
  if (!frame_set_finish(&frames) || !append_text(out, "\",\"missing\":\"")) return 0;
  frame_set missing = {out, 0, 0, 0, 0, 0};
  if (last - first != ((long long)count - 1) * step) {
    long long previous = first;
    for (size_t k = 1; k < count; k++) {
      long long frame = (long long)items[order[k]].value;
      long long absent = (frame - previous) / step - 1;
      if (absent > 0 && !frame_set_push_run(&missing, previous + step, step, absent)) return 0;
      previous = frame;
    }
  }
  if (!frame_set_finish(&missing) || !append_text(out, "\",\"zero_byte\":[")) return 0;
  int listed = 0;
  for (size_t k = 0; k < count && zero_count > 0; k++) {
    if (items[order[k]].size != 0) continue;
    if ((listed++ && !append(out, ",", 1)) || !append_int(out, (long long)items[order[k]].value)) return 0;
  }
  if (!append_text(out, "],\"suspect_small\":[")) return 0;
  size_t suspect_count = 0;
  for (size_t k = 0; k < count && median > 0; k++) {
    double size = items[order[k]].size;
    if (!(size > 0 && size < limit)) continue;
    if ((suspect_count++ && !append(out, ",", 1)) || !append_int(out, (long long)items[order[k]].value)) return 0;
  }
  if (!append_text(out, "],\"total_size\":") || !append_int(out, (long long)total) || !append_text(out, "}\n"))
    return 0;
  if (missing.wrote || zero_count > 0 || suspect_count > 0) out->data[flag_at] = '1';
  return 1;
}

int append_sequences(text_buffer* out, sequence_scratch* scratch, const char* prefix, size_t prefix_length,
                     const char* suffix, size_t suffix_length, frame_item* items, size_t count) {
  if (!grow((void**)&scratch->group_of, &scratch->group_of_capacity, count, sizeof(int32_t)) ||
      !grow((void**)&scratch->members, &scratch->members_capacity, count, sizeof(int32_t)) ||
      !grow((void**)&scratch->order, &scratch->order_capacity, count, sizeof(int32_t)) ||
      !grow((void**)&scratch->sizes, &scratch->sizes_capacity, count, sizeof(double))) {
    return 0;
  }
  int32_t* members = scratch->members;
  // Usually every frame is written alike (1001…1100, or 0001…0100): one group, padded to that width.
  int alike = 1;
  for (size_t i = 1; i < count && alike; i++)
    alike = items[i].width == items[0].width && items[i].padded == items[0].padded;
  if (alike) {
    for (size_t i = 0; i < count; i++) members[i] = (int32_t)i;
    return append_sequence(out, scratch, prefix, prefix_length, suffix, suffix_length, items, members, count,
                           items[0].width);
  }
  // Zero-filled widths each make a group; an unpadded frame joins the largest of them not above its width;
  // the rest form one group padded to the smallest of their widths.
  int paddings[32];  // frames are at most 16 characters wide, so there are at most 16 zero-filled widths
  size_t padding_count = 0;
  for (size_t i = 0; i < count; i++) {
    if (!items[i].padded) continue;
    size_t g = 0;
    while (g < padding_count && paddings[g] != items[i].width) g++;
    if (g == padding_count) paddings[padding_count++] = items[i].width;
    scratch->group_of[i] = (int32_t)g;
  }
  int loose_width = 1 << 30;
  for (size_t i = 0; i < count; i++) {
    if (items[i].padded) continue;
    int best = -1;
    for (size_t g = 0; g < padding_count; g++)
      if (paddings[g] <= items[i].width && (best < 0 || paddings[g] > paddings[best])) best = (int)g;
    scratch->group_of[i] = best >= 0 ? best : (int32_t)padding_count;  // padding_count: the loose group
    if (best < 0 && items[i].width < loose_width) loose_width = items[i].width;
  }
  for (size_t g = 0; g <= padding_count; g++) {
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
      if (scratch->group_of[i] == (int32_t)g) members[n++] = (int32_t)i;
    int padding = g < padding_count ? paddings[g] : loose_width;
    if (n > 1 && !append_sequence(out, scratch, prefix, prefix_length, suffix, suffix_length, items, members, n,
                                  padding)) {
      return 0;
    }
  }
  return 1;
}

void sequence_scratch_free(sequence_scratch* scratch) {
  free(scratch->group_of);
  free(scratch->members);
  free(scratch->order);
  free(scratch->slots);
  free(scratch->sizes);
  memset(scratch, 0, sizeof *scratch);
}
