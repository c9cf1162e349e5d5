// Stable storage for strings that many objects refer to by std::string_view:
// node names, method targets, stack traces. Chunks are never moved or freed
// before the arena itself, so views into it stay valid.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace bwhop::fx {

class StringArena {
public:
  StringArena() = default;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;

  // Copies `s` into the arena and returns a view of the copy.
  std::string_view store(std::string_view s);
  std::size_t bytes_reserved() const { return reserved_; }

private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* cursor_ = nullptr;
  std::size_t left_ = 0;
  std::size_t reserved_ = 0;
};

} // namespace bwhop::fx
