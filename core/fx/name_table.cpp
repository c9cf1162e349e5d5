#include "core/fx/name_table.h"

#include <sys/mman.h>

#include <new>

namespace bwhop::fx {

namespace {
constexpr std::size_t kHugePage = 2u << 20;
}

void* allocate_table_memory(std::size_t bytes) {
  void* p = nullptr;
  if (bytes < kHugePage) {
    p = ::operator new(bytes);
  } else {
    p = ::operator new (bytes, std::align_val_t{kHugePage});
    madvise(p, bytes / kHugePage * kHugePage, MADV_HUGEPAGE); // a hint only
  }
  std::memset(p, 0, bytes);
  return p;
}

void free_table_memory(void* p, std::size_t bytes) {
  if (bytes < kHugePage)
    ::operator delete(p);
  else
    ::operator delete (p, std::align_val_t{kHugePage});
}

uint32_t name_hash(std::string_view key) {
  uint64_t h = 1469598103934665603ull; // FNV-1a over the bytes
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // FNV only carries information upwards; a murmur3 finalizer mixes it back
  // into the low bits the table indexes with.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<uint32_t>(h);
}

} // namespace bwhop::fx
