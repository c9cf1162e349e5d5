// Bump allocator for AST nodes and their child lists. Everything allocated here
// is trivially destructible and lives exactly as long as the arena.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace bwhop::lang {

// A read-only view of `size` consecutive elements stored in an Arena.
template <typename T> struct Span {
  T* data = nullptr;
  uint32_t size = 0;

  T* begin() const { return data; }
  T* end() const { return data + size; }
  bool empty() const { return size == 0; }
  T& operator[](std::size_t i) const { return data[i]; }
  T& front() const { return data[0]; }
  T& back() const { return data[size - 1]; }
};

class Arena {
public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Raw storage aligned to `align`.
  void* allocate(std::size_t bytes, std::size_t align);

  template <typename T, typename... Args> T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // Copies `items` into the arena.
  template <typename T> Span<T> copy(const std::vector<T>& items) {
    static_assert(std::is_trivially_copyable_v<T>);
    Span<T> span;
    span.size = static_cast<uint32_t>(items.size());
    if (span.size == 0) return span;
    span.data = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    std::memcpy(static_cast<void*>(span.data), items.data(), sizeof(T) * items.size());
    return span;
  }

  // Copies text into the arena (used for decoded string literals).
  std::string_view copy_text(std::string_view text);

  std::size_t bytes_used() const { return used_total_; }

private:
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* cursor_ = nullptr;
  std::size_t remaining_ = 0;
  std::size_t next_block_ = 4096;
  std::size_t used_total_ = 0;
};

} // namespace bwhop::lang
