#include "core/lang/dict.h"

#include <algorithm>

#include "core/lang/object.h"
#include "core/lang/runtime.h"

namespace bwhop::lang {

namespace {

// Keys that are strings compare by pointer first, then by text.
inline bool same_key(const Value& stored, const Value& key) {
  if (stored.is(key)) return true;
  if (stored.is_obj() && key.is_obj()) {
    Object* a = stored.obj();
    Object* b = key.obj();
    if (a->type->layout == Layout::Str && b->type->layout == Layout::Str) {
      auto* x = static_cast<Str*>(a);
      auto* y = static_cast<Str*>(b);
      return (!x->interned || !y->interned) && x->s == y->s;
    }
  }
  return values_equal(stored, key);
}

} // namespace

int64_t DictTable::lookup(const Value& key, int64_t hash) const {
  if (index_.empty()) return -1;
  size_t mask = index_.size() - 1;
  size_t i = static_cast<size_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  for (;;) {
    int32_t e = index_[i];
    if (e < 0) return -1;
    const Entry& en = entries_[e];
    if (en.hash == hash && !en.key.is_null() && same_key(en.key, key)) return e;
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

int64_t DictTable::lookup_str(Str* key, int64_t hash) const {
  if (index_.empty()) return -1;
  size_t mask = index_.size() - 1;
  size_t i = static_cast<size_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  for (;;) {
    int32_t e = index_[i];
    if (e < 0) return -1;
    const Entry& en = entries_[e];
    if (en.hash == hash && en.key.is_obj()) {
      Object* o = en.key.obj();
      if (o == key) return e;
      auto* s = o->type->layout == Layout::Str ? static_cast<Str*>(o) : nullptr;
      if (s ? (!(s->interned && key->interned) && s->s == key->s)
            : values_equal(en.key, Value(key)))
        return e;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

Value* DictTable::find(const Value& key) const {
  if (used_ == 0) return nullptr;
  int64_t e = lookup(key, hash_value(key));
  return e < 0 ? nullptr : const_cast<Value*>(&entries_[e].value);
}

Value* DictTable::find_str(Str* key) const {
  if (used_ == 0) return nullptr;
  int64_t e = lookup_str(key, key->hash());
  return e < 0 ? nullptr : const_cast<Value*>(&entries_[e].value);
}

void DictTable::insert_index(int64_t hash, int32_t entry) {
  size_t mask = index_.size() - 1;
  size_t i = static_cast<size_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  while (index_[i] >= 0) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  index_[i] = entry;
}

void DictTable::rebuild(size_t capacity) {
  std::vector<Entry> live;
  // Room for every entry the new index admits before the next rebuild (2/3 full),
  // so appends do not reallocate in between.
  live.reserve(std::max(used_ + 1, capacity * 2 / 3));
  for (auto& e : entries_)
    if (!e.key.is_null()) live.push_back(std::move(e));
  entries_ = std::move(live);
  index_.assign(capacity, -1);
  for (size_t k = 0; k < entries_.size(); ++k)
    insert_index(entries_[k].hash, static_cast<int32_t>(k));
}

void DictTable::set(const Value& key, Value value) {
  int64_t h, e;
  if (key.is_obj() && key.obj()->type == types::str) {
    // Exact str keys (attribute names, globals): no user hash or eq to call.
    auto* k = static_cast<Str*>(key.obj());
    h = k->hash();
    e = lookup_str(k, h);
  } else {
    h = hash_value(key);
    e = lookup(key, h);
  }
  // After hashing and comparing (which may run user code), before any change.
  note_change();
  if (e >= 0) {
    entries_[e].value = std::move(value);
    return;
  }
  // Keep the index at most 2/3 full counting deleted entries.
  if ((entries_.size() + 1) * 3 >= index_.size() * 2) {
    size_t cap = 8;
    while (cap * 2 <= (used_ + 1) * 3) cap *= 2;
    cap *= 2;
    rebuild(cap);
  }
  entries_.push_back(Entry{key, std::move(value), h});
  insert_index(h, static_cast<int32_t>(entries_.size() - 1));
  ++used_;
}

bool DictTable::erase(const Value& key) {
  if (used_ == 0) return false;
  int64_t e = lookup(key, hash_value(key));
  if (e < 0) return false;
  note_change();
  // The index keeps pointing at the dead entry: it acts as a tombstone.
  Value k = std::move(entries_[e].key);
  Value v = std::move(entries_[e].value);
  entries_[e].key = Value();
  --used_;
  if (used_ == 0) {
    entries_.clear();
    index_.clear();
  }
  return true;
}

void DictTable::clear() {
  note_change();
  std::vector<Entry> old;
  old.swap(entries_);
  index_.clear();
  used_ = 0;
}

} // namespace bwhop::lang
