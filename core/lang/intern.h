// Interned identifier strings: every distinct name is stored once in a global
// table, so names compare and hash by pointer in O(1).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace bwhop::lang {

// A handle to an interned string. Default-constructed Symbols are "no name"
// (empty(), e.g. a bare `except:` has no `as` name). The pointed-to string
// lives until the process ends, so Symbols may be stored anywhere.
class Symbol {
public:
  Symbol() = default;

  bool empty() const { return text_ == nullptr; }
  explicit operator bool() const { return text_ != nullptr; }
  // The text; "" for an empty Symbol.
  const std::string& str() const;
  std::string_view view() const { return str(); }
  const char* c_str() const { return str().c_str(); }

  friend bool operator==(Symbol a, Symbol b) { return a.text_ == b.text_; }
  friend bool operator!=(Symbol a, Symbol b) { return a.text_ != b.text_; }
  // Orders by address: stable within one process, not alphabetical.
  friend bool operator<(Symbol a, Symbol b) { return std::less<>()(a.text_, b.text_); }

  std::size_t hash() const { return std::hash<const void*>()(text_); }
  const std::string* raw() const { return text_; }

private:
  friend Symbol intern(std::string_view text);
  explicit Symbol(const std::string* text) : text_(text) {}
  const std::string* text_ = nullptr;
};

// Returns the Symbol for `text`, adding it to the table on first use.
// Thread-safe.
Symbol intern(std::string_view text);

} // namespace bwhop::lang

template <> struct std::hash<bwhop::lang::Symbol> {
  std::size_t operator()(bwhop::lang::Symbol s) const noexcept { return s.hash(); }
};
