// Fake tensors (PyTorch's FakeTensorMode, kept small): tensors with dtype, shape,
// strides and requires_grad but no storage. While a FakeMode is on the mode
// stack every op runs its meta function only; real tensors that reach it are
// first converted (memoized, so one real tensor is one fake tensor).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "core/tensor/dispatcher.h"
#include "core/tensor/tensor.h"

namespace bwhop::tracing {

using tensor::Tensor;

// A fake tensor has no storage.
inline bool is_fake(const Tensor& t) {
  return t.defined() && !t.has_storage();
}

class FakeMode : public tensor::DispatchMode {
public:
  tensor::IValue dispatch(const tensor::OpDef& op, const tensor::Args& args) override;

  // FakeTensorMode.from_tensor: same dtype, sizes, strides, offset and
  // requires_grad (as a leaf), no storage. Fake tensors pass through unchanged.
  Tensor from_tensor(const Tensor& real);

private:
  tensor::IValue fakeify(const tensor::IValue& v);

  std::unordered_map<uint64_t, Tensor> memo_; // real tensor id → its fake
};

} // namespace bwhop::tracing
