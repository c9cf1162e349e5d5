#include "core/fx/used_names.h"

#include <algorithm>
#include <charconv>

namespace bwhop::fx {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Suffixes up to this far past what a base already uses get a bit; rarer,
// larger ones go to the hash set so one odd name cannot allocate a huge bitset.
constexpr int64_t kSuffixSlack = 4096;

// A suffix is canonical when printing its number gives back its digits: no
// leading zero unless it is `0` itself. Only then does `<base>_<n>` name
// exactly one string.
bool canonical_suffix(std::string_view name, std::size_t base_len) {
  std::size_t digits = name.size() - base_len - 1;
  return digits == 1 || name[base_len + 1] != '0';
}

} // namespace

std::size_t split_name_suffix(std::string_view s, int64_t* num, bool* has_num) {
  *has_num = false;
  std::size_t end = s.size();
  std::size_t i = end;
  while (i > 0 && is_digit(s[i - 1])) --i;
  if (i == end || i < 2 || s[i - 1] != '_') return end;
  int64_t value = 0;
  auto res = std::from_chars(s.data() + i, s.data() + end, value);
  if (res.ec != std::errc()) return end; // absurdly long digit runs stay part of the base
  *num = value;
  *has_num = true;
  return i - 1;
}

UsedNames::Split UsedNames::split(std::string_view name) {
  Split s;
  s.base_len = split_name_suffix(name, &s.num, &s.has_num);
  return s;
}

bool UsedNames::contains(std::string_view name) const {
  return contains(name, split(name));
}

void UsedNames::insert(std::string_view name) {
  insert(name, split(name));
}

bool UsedNames::contains(std::string_view name, const Split& split) const {
  const std::size_t base_len = split.base_len;
  const int64_t num = split.num;
  const bool has_num = split.has_num;
  if (has_num && !canonical_suffix(name, base_len)) return others_.contains(name);
  if (const uint32_t* index = base_index_.find(name.substr(0, base_len))) {
    const Base& base = bases_[*index];
    if (!has_num) return base.bare;
    uint64_t n = static_cast<uint64_t>(num);
    if (n / 64 < base.suffix_bits.size() && (base.suffix_bits[n / 64] >> (n % 64) & 1) != 0)
      return true;
  } else if (!has_num) {
    return false;
  }
  return others_.size() != 0 && others_.contains(name);
}

void UsedNames::insert(std::string_view name, const Split& split) {
  const std::size_t base_len = split.base_len;
  const int64_t num = split.num;
  const bool has_num = split.has_num;
  if (has_num && !canonical_suffix(name, base_len)) {
    others_.insert(name);
    return;
  }
  std::size_t known = base_index_.size();
  uint32_t& index = base_index_.insert(name.substr(0, base_len));
  if (base_index_.size() != known) {
    index = static_cast<uint32_t>(bases_.size());
    bases_.emplace_back();
  }
  Base& base = bases_[index];
  if (!has_num) {
    base.bare = true;
    return;
  }
  uint64_t n = static_cast<uint64_t>(num);
  std::vector<uint64_t>& bits = base.suffix_bits;
  if (n / 64 >= bits.size()) {
    if (num > kSuffixSlack + 2 * static_cast<int64_t>(base.suffixes)) {
      others_.insert(name);
      return;
    }
    bits.resize(std::max<std::size_t>(n / 64 + 1, bits.size() * 2));
  }
  uint64_t bit = uint64_t{1} << (n % 64);
  if ((bits[n / 64] & bit) == 0) ++base.suffixes;
  bits[n / 64] |= bit;
}

} // namespace bwhop::fx
