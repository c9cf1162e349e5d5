#include "core/lang/set_table.h"

#include "core/lang/runtime.h"

namespace bwhop::lang {

namespace {
constexpr size_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;
} // namespace

int64_t SetTable::lookup(const Value& key, int64_t hash) const {
  size_t mask = table_.size() - 1;
  size_t perturb = static_cast<size_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  for (;;) {
    size_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    size_t j = i;
    for (;;) {
      const Entry& e = table_[j];
      if (e.key.is_null() && e.hash == 0) return -1;
      if (e.hash == hash && !e.key.is_null() && (e.key.is(key) || values_equal(e.key, key)))
        return static_cast<int64_t>(j);
      if (probes-- == 0) break;
      ++j;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

const Value* SetTable::find(const Value& key) const {
  if (used_ == 0) return nullptr;
  int64_t s = lookup(key, hash_value(key));
  return s < 0 ? nullptr : &table_[s].key;
}

void SetTable::set(const Value& key, const Value&) {
  int64_t hash = hash_value(key);
  size_t mask = table_.size() - 1;
  size_t perturb = static_cast<size_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  Entry* freeslot = nullptr;
  for (;;) {
    size_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    size_t j = i;
    for (;;) {
      Entry& e = table_[j];
      if (e.key.is_null() && e.hash == 0) {
        if (freeslot) {
          freeslot->key = key;
          freeslot->hash = hash;
          ++used_;
          return;
        }
        e.key = key;
        e.hash = hash;
        ++fill_;
        ++used_;
        if (fill_ * 5 >= mask * 3) resize(used_ > 50000 ? used_ * 2 : used_ * 4);
        return;
      }
      if (e.hash == hash && !e.key.is_null() && (e.key.is(key) || values_equal(e.key, key))) return;
      if (e.hash == -1 && e.key.is_null() && !freeslot) freeslot = &e;
      if (probes-- == 0) break;
      ++j;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

void SetTable::resize(size_t minused) {
  size_t newsize = 8;
  while (newsize <= minused) newsize <<= 1;
  std::vector<Entry> old(newsize);
  old.swap(table_);
  size_t mask = newsize - 1;
  for (Entry& e : old) {
    if (e.key.is_null()) continue;
    size_t perturb = static_cast<size_t>(e.hash);
    size_t i = static_cast<size_t>(e.hash) & mask;
    for (;;) {
      if (table_[i].key.is_null()) break;
      bool placed = false;
      if (i + kLinearProbes <= mask) {
        for (size_t j = 1; j <= kLinearProbes; ++j)
          if (table_[i + j].key.is_null()) {
            i += j;
            placed = true;
            break;
          }
      }
      if (placed) break;
      perturb >>= kPerturbShift;
      i = (i * 5 + 1 + perturb) & mask;
    }
    table_[i].key = std::move(e.key);
    table_[i].hash = e.hash;
  }
  fill_ = used_;
}

bool SetTable::erase(const Value& key) {
  if (used_ == 0) return false;
  int64_t s = lookup(key, hash_value(key));
  if (s < 0) return false;
  Value dead = std::move(table_[s].key);
  table_[s].key = Value();
  table_[s].hash = -1;
  --used_;
  return true;
}

void SetTable::clear() {
  std::vector<Entry> old(8);
  old.swap(table_);
  used_ = fill_ = 0;
}

} // namespace bwhop::lang
