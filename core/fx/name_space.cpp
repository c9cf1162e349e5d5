#include "core/fx/name_space.h"

#include <charconv>
#include <string>

namespace bwhop::fx {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// `^[a-zA-Z_][0-9a-zA-Z_]*$`: the candidate matches FX's name pattern as is.
bool matches_name_pattern(std::string_view s) {
  if (s.empty() || is_digit(s[0])) return false;
  for (char c : s)
    if (!is_word_char(c)) return false;
  return true;
}

// Replace every run of non-word characters by one `_`, `_unnamed` for nothing
// left, `_` before a leading digit.
std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 1);
  bool in_run = false;
  for (char c : s) {
    if (is_word_char(c)) {
      out += c;
      in_run = false;
    } else if (!in_run) {
      out += '_';
      in_run = true;
    }
  }
  if (out.empty()) out = "_unnamed";
  if (is_digit(out[0])) out.insert(out.begin(), '_');
  return out;
}

void append_suffixed(std::string& out, std::string_view base, int64_t num) {
  out.assign(base);
  out += '_';
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, num);
  out.append(buf, res.ptr);
}

} // namespace

std::string_view NameSpace::create_name(std::string_view candidate, const void* obj,
                                        bool obj_is_that_builtin) {
  return create(candidate, obj, obj_is_that_builtin, false);
}

std::string_view NameSpace::create_name_stable(std::string_view candidate) {
  return create(candidate, nullptr, false, true);
}

std::string_view NameSpace::create(std::string_view candidate_in, const void* obj,
                                   bool obj_is_that_builtin, bool candidate_is_stable) {
  if (obj != nullptr) {
    auto it = obj_to_name_.find(obj);
    if (it != obj_to_name_.end()) return it->second;
  }
  std::string sanitized;
  std::string_view candidate = candidate_in;
  if (!matches_name_pattern(candidate)) {
    sanitized = sanitize(candidate);
    candidate = sanitized;
    candidate_is_stable = false;
  }
  // The candidate is split once; a suffixed candidate `<base>_<num>` splits
  // into that base and number by construction.
  UsedNames::Split split = UsedNames::split(candidate);
  const std::size_t base_len = split.base_len;
  std::string_view base = candidate.substr(0, base_len);
  int64_t num = split.num;

  std::string scratch;
  auto use_suffixed = [&] {
    append_suffixed(scratch, base, num);
    candidate = scratch;
    split.num = num;
    split.has_num = true;
    return used_.contains(candidate, split);
  };
  bool used = used_.contains(candidate, split);
  if (!split.has_num || used) {
    const int64_t* count = base_count_.find(candidate);
    num = count != nullptr ? *count : 0;
    if (!obj_is_that_builtin && is_illegal_name(candidate)) {
      ++num;
      used = use_suffixed();
    }
  }
  while (used) {
    ++num;
    used = use_suffixed();
  }
  bool reuse = candidate_is_stable && candidate.data() == candidate_in.data();
  std::string_view stored = reuse ? candidate : arena_.store(candidate);
  used_.insert(stored, split);
  base_count_.insert(stored.substr(0, base_len)) = num;
  if (obj != nullptr) obj_to_name_.emplace(obj, stored);
  return stored;
}

} // namespace bwhop::fx
