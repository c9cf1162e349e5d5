// Basic tensor indexing (`x[0]`, `x[1:]`, `x[:, None, 0]`, `x[..., 0]`): the key, already
// split into items by the binding, becomes select.int / slice.Tensor / unsqueeze / alias
// ops, in PyTorch's applySlicing order.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/tensor/tensor.h"

namespace bwhop::tensor {

struct IndexItem {
  enum class Kind { Integer, Slice, None, Ellipsis };
  Kind kind = Kind::Integer;
  int64_t index = 0; // Integer
  // Slice bounds as Python gives them; None start/stop mean the whole dimension.
  std::optional<int64_t> start, stop, step;

  static IndexItem integer(int64_t i) { return {Kind::Integer, i, {}, {}, {}}; }
  static IndexItem slice(std::optional<int64_t> start, std::optional<int64_t> stop,
                         std::optional<int64_t> step) {
    return {Kind::Slice, 0, start, stop, step};
  }
  static IndexItem none() { return {Kind::None, 0, {}, {}, {}}; }
  static IndexItem ellipsis() { return {Kind::Ellipsis, 0, {}, {}, {}}; }
};

// self[items]. Throws std::out_of_range (IndexError) for out-of-bounds or too many
// indices and std::invalid_argument (ValueError) for a non-positive step.
Tensor apply_slicing(const Tensor& self, std::span<const IndexItem> items);

} // namespace bwhop::tensor
