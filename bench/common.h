// What the C++ benchmarks share: heap accounting through replaced global
// allocation functions (live and peak bytes) and CPU-time clocks. Each
// benchmark is a single translation unit, so this header is included once per
// program: replacement allocation functions may not be inline, which is why
// they are defined here rather than only declared.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <time.h>

namespace bwhop::bench {

inline std::atomic<std::size_t> g_live{0}; // bytes allocated and not yet freed
inline std::atomic<std::size_t> g_peak{0}; // highest g_live since the last reset_peak()

inline void note_alloc(std::size_t n) {
  std::size_t now = g_live.fetch_add(n) + n;
  std::size_t peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
}

// Starts a peak measurement; returns the live bytes it is relative to.
inline std::size_t reset_peak() {
  std::size_t base = g_live.load();
  g_peak.store(base);
  return base;
}

// Peak heap bytes since reset_peak() returned `base`.
inline std::size_t peak_since(std::size_t base) {
  return g_peak.load() - base;
}

inline double to_ns(const timespec& ts) {
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// CPU time (user + system, page faults included): on a shared, loaded machine
// wall time mostly measures the neighbours and the scheduler.
inline double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return to_ns(ts);
}

inline double process_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return to_ns(ts);
}

} // namespace bwhop::bench

// The size is stored in front of each block so delete can account for it.
void* operator new(std::size_t n) {
  void* p = std::malloc(n + 16);
  if (p == nullptr) throw std::bad_alloc();
  *static_cast<std::size_t*>(p) = n;
  bwhop::bench::note_alloc(n);
  return static_cast<char*>(p) + 16;
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  char* base = static_cast<char*>(p) - 16;
  bwhop::bench::g_live.fetch_sub(*reinterpret_cast<std::size_t*>(base));
  std::free(base);
}
void operator delete[](void* p) noexcept {
  operator delete(p);
}
void operator delete(void* p, std::size_t) noexcept {
  operator delete(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  operator delete(p);
}
// Over-aligned blocks (the name tables) keep their size just below the block.
void* operator new(std::size_t n, std::align_val_t al) {
  std::size_t a = static_cast<std::size_t>(al);
  char* base = static_cast<char*>(std::aligned_alloc(a, (n + a + a - 1) / a * a));
  if (base == nullptr) throw std::bad_alloc();
  *reinterpret_cast<std::size_t*>(base + a - 16) = n;
  bwhop::bench::note_alloc(n);
  return base + a;
}
void operator delete(void* p, std::align_val_t al) noexcept {
  if (p == nullptr) return;
  std::size_t a = static_cast<std::size_t>(al);
  char* base = static_cast<char*>(p) - a;
  bwhop::bench::g_live.fetch_sub(*reinterpret_cast<std::size_t*>(base + a - 16));
  std::free(base);
}
void operator delete(void* p, std::size_t, std::align_val_t al) noexcept {
  operator delete(p, al);
}
