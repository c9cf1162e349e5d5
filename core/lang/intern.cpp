#include "core/lang/intern.h"

#include <mutex>
#include <unordered_set>

namespace bwhop::lang {

namespace {

struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct InternTable {
  std::mutex mutex;
  // unordered_set never moves its elements, so pointers to them stay valid.
  std::unordered_set<std::string, ViewHash, std::equal_to<>> strings;
};

InternTable& table() {
  static InternTable* t = new InternTable(); // never destroyed: Symbols outlive statics
  return *t;
}

const std::string kEmpty;

} // namespace

const std::string& Symbol::str() const {
  return text_ ? *text_ : kEmpty;
}

Symbol intern(std::string_view text) {
  InternTable& t = table();
  std::lock_guard lock(t.mutex);
  auto it = t.strings.find(text);
  if (it == t.strings.end()) it = t.strings.emplace(text).first;
  return Symbol(&*it);
}

} // namespace bwhop::lang
