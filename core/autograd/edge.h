// Edges of the autograd graph and the metadata a node keeps about each input.
#pragma once

#include <cstdint>
#include <memory>

#include "core/tensor/tensor.h"

namespace bwhop::autograd {

class Node;

// Where a gradient goes: input `input_nr` of `function`. Invalid when function is null
// (an input that does not require grad, or a wrapped number).
struct Edge {
  std::shared_ptr<Node> function;
  uint32_t input_nr = 0;

  bool is_valid() const { return function != nullptr; }
};

// What a node knows about the tensor each of its inputs (gradients) corresponds to;
// the engine checks and reduces incoming gradients against it (validate_outputs).
struct InputMetadata {
  tensor::ScalarType dtype = tensor::ScalarType::Float;
  tensor::Device device;
  tensor::IntList shape;

  InputMetadata() = default;
  explicit InputMetadata(const tensor::Tensor& t)
      : dtype(t.dtype()), device(t.device()), shape(t.sizes()) {}
};

} // namespace bwhop::autograd
