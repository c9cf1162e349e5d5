// DictTable: insertion-ordered hash table keyed by Values (like CPython's
// compact dict): an index array of slots pointing into a dense entry array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/lang/value.h"

namespace bwhop::lang {

struct Str;

// Bumped on every change to a type's attribute dict (and on MRO changes), so
// cached attribute lookups can tell they are stale.
inline uint64_t type_dict_epoch = 1;

class DictTable {
public:
  struct Entry {
    Value key; // Null for a deleted entry
    Value value;
    int64_t hash;
  };

  size_t size() const { return used_; }
  // Value stored under key, or nullptr.
  Value* find(const Value& key) const;
  // Fast path for string keys (attribute names, globals).
  Value* find_str(Str* key) const;
  void set(const Value& key, Value value);
  // Removes key; returns false when absent.
  bool erase(const Value& key);
  void clear();
  // Entries in insertion order, including deleted (Null key) ones: skip those.
  const std::vector<Entry>& entries() const { return entries_; }
  // Mutable access may change values in place: counts as a change.
  std::vector<Entry>& entries() {
    note_change();
    return entries_;
  }
  // Marks this table as a type's attribute dict: its changes bump type_dict_epoch.
  void mark_type_dict() { type_dict_ = true; }

private:
  int64_t lookup(const Value& key, int64_t hash) const; // entry index or -1
  int64_t lookup_str(Str* key, int64_t hash) const;
  void insert_index(int64_t hash, int32_t entry);
  void rebuild(size_t capacity);
  void note_change() {
    if (type_dict_) ++type_dict_epoch;
  }

  std::vector<int32_t> index_; // -1 empty, else entry index
  std::vector<Entry> entries_;
  size_t used_ = 0;
  bool type_dict_ = false;
};

} // namespace bwhop::lang
