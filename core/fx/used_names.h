// The set of names a name space has handed out, stored by structure rather than
// by string: FX's names are mostly `<base>_<n>` with n counting up per base, so
// each base keeps a bit per suffix number next to a flag for the bare base. A
// lookup hashes only the (short, few) base into a table that stays in cache,
// instead of the full name into a table as large as the graph, and a name costs
// about a bit instead of a hash slot. Names whose suffix is not canonical
// (`a_01`) or far beyond the base's numbering go to an ordinary hash set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/fx/name_table.h"

namespace bwhop::fx {

// Splits `base_<digits>` the way FX's lazy pattern `^(base*?)(?:_(\d+))?$` does:
// the base keeps at least one character; returns the base length and whether a
// numeric suffix was found (then stored in *num).
std::size_t split_name_suffix(std::string_view name, int64_t* num, bool* has_num);

class UsedNames {
public:
  UsedNames() = default;
  UsedNames(const UsedNames&) = delete;
  UsedNames& operator=(const UsedNames&) = delete;

  bool contains(std::string_view name) const;
  // Records `name`; its storage must outlive the set.
  void insert(std::string_view name);

  // The same for a name already split by split_name_suffix.
  struct Split {
    std::size_t base_len = 0;
    int64_t num = 0;
    bool has_num = false;
  };
  static Split split(std::string_view name);
  bool contains(std::string_view name, const Split& split) const;
  void insert(std::string_view name, const Split& split);

private:
  struct Base {
    std::vector<uint64_t> suffix_bits; // bit n: `<base>_<n>` is used
    std::size_t suffixes = 0;          // bits set
    bool bare = false;                 // `<base>` itself is used
  };

  NameTable<uint32_t> base_index_; // base -> index into bases_
  std::vector<Base> bases_;
  NameSet others_;
};

} // namespace bwhop::fx
