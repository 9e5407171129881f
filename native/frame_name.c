// The rules are documented once, in src-shared/frame-name.ts. They only look at ASCII characters, and
// every byte of a multi-byte UTF-8 character is >= 0x80, so reading bytes finds the same frame as reading
// UTF-16 code units. tests/integration/native-frames.test.ts checks the two against each other.
#include "frame_name.h"

#include <string.h>
#include <sys/types.h>

// Longest digit run read as a frame; longer runs are ids, not frame numbers (and would not fit a double).
#define MAX_FRAME_DIGITS 15

// Wrappers that make a compound extension with the extension before them (.tar.gz, .exr.gz).
static const char* const WRAPPERS[] = {"gz", "bz2", "xz", "zst", "lz4", "lz", "lzma", "z",
                                       "br", "sz",  "7z", "zip", "rar", "part", "bak", "tmp"};
#define WRAPPER_COUNT (sizeof WRAPPERS / sizeof WRAPPERS[0])

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c; }

static int is_ascii_letter(unsigned char c) {
  unsigned char lower = c | 0x20;
  return lower >= 'a' && lower <= 'z';
}

// Whether name[from, to) is a wrapper extension, ignoring ASCII case. It runs for every file with an
// extension, so most (exr, dpx, jpg) are turned away by their first letter: the first letters of WRAPPERS.
static int is_wrapper(const unsigned char* s, size_t from, size_t to) {
  size_t length = to - from;
  if (length > 4) return 0;
  unsigned char first = ascii_lower(s[from]);
  switch (first) {
    case 'g': case 'b': case 'x': case 'z': case 'l': case 's': case 'r': case '7': case 'p': case 't':
      break;
    default:
      return 0;
  }
  for (size_t w = 0; w < WRAPPER_COUNT; w++) {
    const char* wrapper = WRAPPERS[w];
    if ((unsigned char)wrapper[0] != first) continue;
    size_t k = 1;
    while (k < length && wrapper[k] != '\0' && ascii_lower(s[from + k]) == (unsigned char)wrapper[k]) k++;
    if (k == length && wrapper[k] == '\0') return 1;
  }
  return 0;
}

// Index where the extension starts (its dot), or n when the name has none.
static size_t extension_start(const unsigned char* s, size_t n) {
  ssize_t dot = (ssize_t)n - 1;
  while (dot >= 0 && s[dot] != '.') dot--;
  if (dot <= 0 || (size_t)dot == n - 1) return n;
  // A last segment of only digits (optionally "-") is a frame, not an extension: x.01, bar.-001.
  size_t i = (size_t)dot + 1;
  if (s[i] == '-') i++;
  while (i < n && is_digit(s[i])) i++;
  if (i == n) return n;
  if (!is_wrapper(s, (size_t)dot + 1, n)) return (size_t)dot;
  ssize_t before = dot - 1;
  while (before >= 0 && s[before] != '.') before--;
  if (before <= 0 || dot - before < 2 || dot - before > 6) return (size_t)dot;
  if (!is_ascii_letter(s[before + 1])) return (size_t)dot;
  for (ssize_t j = before + 2; j < dot; j++)
    if (!is_digit(s[j]) && !is_ascii_letter(s[j])) return (size_t)dot;
  return (size_t)before;
}

int scan_frame(const char* name, size_t n, frame_position* found) {
  const unsigned char* s = (const unsigned char*)name;
  size_t extension = extension_start(s, n);
  ssize_t j = (ssize_t)extension - 1;
  while (j >= 0 && !is_digit(s[j])) j--;
  if (j < 0) return 0;
  size_t end = (size_t)j + 1;
  while (j >= 0 && is_digit(s[j])) j--;
  size_t digits_start = (size_t)(j + 1);
  if (end - digits_start > MAX_FRAME_DIGITS) return 0;
  long long value = 0;
  for (size_t k = digits_start; k < end; k++) value = value * 10 + (s[k] - '0');
  size_t start = digits_start;
  // A minus sign only right after a separator: bar.-001 is -1, but 2025-05-13 is frame 13.
  if (value != 0 && j >= 1 && s[j] == '-' && (s[j - 1] == '.' || s[j - 1] == '_')) {
    start = (size_t)j;
    value = -value;
  }
  found->start = start;
  found->end = end;
  found->value = (double)value;
  found->padded = end - digits_start > 1 && s[digits_start] == '0';
  found->extension = extension;
  return 1;
}
