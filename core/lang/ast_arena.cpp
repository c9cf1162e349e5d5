#include "core/lang/ast_arena.h"

#include <algorithm>

namespace bwhop::lang {

void* Arena::allocate(std::size_t bytes, std::size_t align) {
  auto address = reinterpret_cast<std::uintptr_t>(cursor_);
  std::size_t pad = (align - address % align) % align;
  if (cursor_ == nullptr || pad + bytes > remaining_) {
    // Blocks grow geometrically so the number of blocks stays logarithmic.
    std::size_t size = std::max(next_block_, bytes + align);
    next_block_ = std::min<std::size_t>(next_block_ * 2, std::size_t{1} << 20);
    blocks_.emplace_back(new std::byte[size]); // left uninitialized: nodes construct themselves
    cursor_ = blocks_.back().get();
    remaining_ = size;
    address = reinterpret_cast<std::uintptr_t>(cursor_);
    pad = (align - address % align) % align;
  }
  std::byte* result = cursor_ + pad;
  cursor_ += pad + bytes;
  remaining_ -= pad + bytes;
  used_total_ += pad + bytes;
  return result;
}

std::string_view Arena::copy_text(std::string_view text) {
  if (text.empty()) return {};
  char* out = static_cast<char*>(allocate(text.size(), 1));
  std::memcpy(out, text.data(), text.size());
  return {out, text.size()};
}

} // namespace bwhop::lang
