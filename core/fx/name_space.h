// FX's name space (torch.fx.graph._Namespace): hands out unique, legal Python
// identifiers. Used names are never released; a bare candidate continues the
// numbering last recorded for it (`_base_count`); builtins and keywords always
// get a suffix unless the named object is that very builtin.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/fx/name_table.h"
#include "core/fx/string_arena.h"
#include "core/fx/used_names.h"

namespace bwhop::fx {

// Python keywords, the names in CPython 3.11's builtins module, and FX's custom
// builtins (inf, nan, NoneType, torch, device, fx_pytree, pytree).
bool is_illegal_name(std::string_view name);
// FX's custom builtins in registration order; every print name space starts with them.
const std::string_view* custom_builtin_names(std::size_t* count);

class NameSpace {
public:
  NameSpace() = default;
  NameSpace(const NameSpace&) = delete;
  NameSpace& operator=(const NameSpace&) = delete;

  // `_Namespace.create_name(candidate, obj)`. `obj` (may be null) is the identity
  // of a named external object: asking again for the same object returns its
  // name. `obj_is_that_builtin` says the object is the builtin (or custom builtin)
  // whose name is the candidate, which lets e.g. `getattr` keep its name.
  std::string_view create_name(std::string_view candidate, const void* obj = nullptr,
                               bool obj_is_that_builtin = false);
  // The same, for a candidate whose storage outlives the name space (a node's
  // name printed by codegen): a name equal to it is not copied again.
  std::string_view create_name_stable(std::string_view candidate);

  bool is_used(std::string_view name) const { return used_.contains(name); }
  // Kept for callers that size a name space up front; the used-name set grows
  // by suffix bits and needs no reservation.
  void reserve(std::size_t /*names*/) {}

private:
  std::string_view create(std::string_view candidate, const void* obj, bool obj_is_that_builtin,
                          bool candidate_is_stable);

  StringArena arena_;
  UsedNames used_;                // every name handed out
  NameTable<int64_t> base_count_; // last suffix number per base
  std::unordered_map<const void*, std::string_view> obj_to_name_;
};

} // namespace bwhop::fx
