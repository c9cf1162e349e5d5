// SetTable: the hash table behind set objects. It follows CPython's set
// layout (linear probing then perturbation, same growth policy) so that sets
// iterate, and therefore print, in the order CPython's do for the same keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/lang/value.h"

namespace bwhop::lang {

class SetTable {
public:
  struct Entry {
    Value key;        // Null for an unused or deleted slot
    Value value;      // unused; keeps the interface of DictTable::Entry
    int64_t hash = 0; // -1 marks a deleted slot
  };

  SetTable() : table_(8) {}
  size_t size() const { return used_; }
  // Non-null when key is present.
  const Value* find(const Value& key) const;
  // Adds key (the value argument is ignored; it mirrors DictTable::set).
  void set(const Value& key, const Value& ignored = Value());
  bool erase(const Value& key);
  void clear();
  // Slots in table order; skip those with a Null key.
  const std::vector<Entry>& entries() const { return table_; }

private:
  int64_t lookup(const Value& key, int64_t hash) const; // slot or -1
  void resize(size_t minused);

  std::vector<Entry> table_;
  size_t used_ = 0, fill_ = 0;
};

} // namespace bwhop::lang
