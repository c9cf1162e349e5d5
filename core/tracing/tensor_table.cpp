#include "core/tracing/tensor_table.h"

#include "core/tensor/tensor.h"

namespace bwhop::tracing {

namespace {
// How far past the dense part an id may land and still grow it (ids of tensors
// created elsewhere in between are skipped with a null entry each).
constexpr uint64_t kMaxGap = 1 << 16;

uint64_t next_tensor_id() {
  return tensor::TensorImpl().id + 1;
}
} // namespace

TensorTable::TensorTable() : base_(next_tensor_id()) {}

void TensorTable::set(uint64_t id, fx::Node* node) {
  if (id >= base_) {
    uint64_t offset = id - base_;
    if (offset < dense_.size()) {
      dense_[offset] = node;
      return;
    }
    if (offset - dense_.size() < kMaxGap) {
      dense_.resize(offset + 1, nullptr);
      dense_[offset] = node;
      return;
    }
  }
  sparse_[id] = node;
}

fx::Node* TensorTable::get(uint64_t id) const {
  if (id >= base_ && id - base_ < dense_.size()) {
    if (fx::Node* n = dense_[id - base_]) return n;
  }
  if (sparse_.empty()) return nullptr;
  auto it = sparse_.find(id);
  return it == sparse_.end() ? nullptr : it->second;
}

} // namespace bwhop::tracing
