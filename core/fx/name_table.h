// Open-addressing hash tables keyed by names (views into storage owned
// elsewhere, such as a name space's arena). Flat slots keep a lookup to about
// one cache miss; the set form costs 16 bytes a slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace bwhop::fx {

uint32_t name_hash(std::string_view key);

// Zeroed memory for table slots; large tables ask for transparent huge pages,
// since their lookups are random and would otherwise miss the TLB every time.
void* allocate_table_memory(std::size_t bytes);
void free_table_memory(void* p, std::size_t bytes);

template <class Value> class NameTable {
public:
  struct Slot {
    const char* data = nullptr; // null marks an empty slot
    uint32_t size = 0;
    uint32_t hash = 0;
    [[no_unique_address]] Value value{};
  };

  NameTable() { allocate(16); }
  ~NameTable() { free_table_memory(slots_, capacity_ * sizeof(Slot)); }
  NameTable(const NameTable&) = delete;
  NameTable& operator=(const NameTable&) = delete;

  // The value stored for `key`, or null.
  const Value* find(std::string_view key) const {
    const Slot& s = slots_[probe(key, name_hash(key))];
    return s.data != nullptr ? &s.value : nullptr;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // The value for `key`, inserted with `stable_key` as its storage if absent.
  Value& insert(std::string_view stable_key) {
    if ((size_ + 1) * 2 > capacity_) grow(capacity_ * 2);
    uint32_t hash = name_hash(stable_key);
    Slot& s = slots_[probe(stable_key, hash)];
    if (s.data == nullptr) {
      s.data = stable_key.data() != nullptr ? stable_key.data() : "";
      s.size = static_cast<uint32_t>(stable_key.size());
      s.hash = hash;
      ++size_;
    }
    return s.value;
  }
  std::size_t size() const { return size_; }
  void reserve(std::size_t n) {
    std::size_t capacity = capacity_;
    while (capacity < n * 2) capacity *= 2;
    if (capacity != capacity_) grow(capacity);
  }

private:
  std::size_t probe(std::string_view key, uint32_t hash) const {
    std::size_t mask = capacity_ - 1;
    std::size_t i = hash & mask;
    while (true) {
      const Slot& s = slots_[i];
      if (s.data == nullptr) return i;
      if (s.hash == hash && s.size == key.size() &&
          std::memcmp(s.data, key.data(), key.size()) == 0)
        return i;
      i = (i + 1) & mask;
    }
  }
  void allocate(std::size_t capacity) {
    // All-zero bytes are empty slots (null data, zero value).
    slots_ = static_cast<Slot*>(allocate_table_memory(capacity * sizeof(Slot)));
    capacity_ = capacity;
  }
  void grow(std::size_t capacity) {
    Slot* old = slots_;
    std::size_t old_capacity = capacity_;
    allocate(capacity);
    std::size_t mask = capacity - 1;
    for (std::size_t k = 0; k < old_capacity; ++k) {
      const Slot& s = old[k];
      if (s.data == nullptr) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].data != nullptr) i = (i + 1) & mask;
      slots_[i] = s;
    }
    free_table_memory(old, old_capacity * sizeof(Slot));
  }

  static_assert(std::is_trivially_copyable_v<Value>);
  Slot* slots_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

struct NoValue {};
using NameSet = NameTable<NoValue>;

} // namespace bwhop::fx
