#include "core/tensor/indexing.h"

#include <limits>
#include <stdexcept>
#include <string>

#include "core/tensor/ops.h"

namespace bwhop::tensor {

namespace {

Tensor select_checked(const Tensor& t, int64_t dim, int64_t index) {
  if (t.dim() == 0) {
    throw std::out_of_range("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                            "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  }
  int64_t size = t.sizes()[static_cast<std::size_t>(dim)];
  if (index < -size || index >= size) {
    throw std::out_of_range("index " + std::to_string(index) + " is out of bounds for dimension " +
                            std::to_string(dim) + " with size " + std::to_string(size));
  }
  return ops::select(t, dim, index);
}

// A Python slice as PySlice_Unpack leaves it: None start → 0, None stop → the largest index.
Tensor slice_of(const Tensor& t, int64_t dim, const IndexItem& item) {
  int64_t step = item.step.value_or(1);
  if (step <= 0) throw std::invalid_argument("step must be greater than zero");
  int64_t start = item.start.value_or(0);
  int64_t stop = item.stop.value_or(std::numeric_limits<int64_t>::max());
  return ops::slice(t, dim, IValue(start), IValue(stop), step);
}

} // namespace

Tensor apply_slicing(const Tensor& self, std::span<const IndexItem> items) {
  int64_t specified = 0;
  for (const IndexItem& item : items)
    if (item.kind == IndexItem::Kind::Integer || item.kind == IndexItem::Kind::Slice) ++specified;
  if (specified > self.dim()) {
    if (self.dim() == 0) select_checked(self, 0, 0); // raises the 0-dim message
    throw std::out_of_range("too many indices for tensor of dimension " +
                            std::to_string(self.dim()));
  }
  Tensor result = self;
  int64_t dim = 0;
  for (const IndexItem& item : items) {
    switch (item.kind) {
    case IndexItem::Kind::Integer:
      result = select_checked(result, dim, item.index);
      break;
    case IndexItem::Kind::Slice:
      result = slice_of(result, dim++, item);
      break;
    case IndexItem::Kind::None:
      result = ops::unsqueeze(result, dim++);
      break;
    case IndexItem::Kind::Ellipsis:
      dim += self.dim() - specified;
      break;
    }
  }
  // An index that selected nothing still returns a new view (x[...] is alias(x)).
  if (result.is_same(self)) result = ops::alias(self);
  return result;
}

} // namespace bwhop::tensor
