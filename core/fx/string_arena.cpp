#include "core/fx/string_arena.h"

#include <algorithm>
#include <cstring>

namespace bwhop::fx {

namespace {
constexpr std::size_t kChunkBytes = 16 * 1024;
}

std::string_view StringArena::store(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > left_) {
    std::size_t size = std::max(kChunkBytes, s.size());
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(size)); // filled by the copies
    cursor_ = chunks_.back().get();
    left_ = size;
    reserved_ += size;
  }
  std::memcpy(cursor_, s.data(), s.size());
  std::string_view stored(cursor_, s.size());
  cursor_ += s.size();
  left_ -= s.size();
  return stored;
}

} // namespace bwhop::fx
