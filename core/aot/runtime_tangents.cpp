#include "core/aot/runtime_tangents.h"

#include "core/tensor/kernel_utils.h"

namespace bwhop::aot {

namespace {

// torch.empty_strided: a fresh storage just large enough for the geometry.
tensor::Tensor empty_strided(const tensor::IntList& sizes, const tensor::IntList& strides,
                             tensor::ScalarType dtype) {
  int64_t extent = 1;
  for (std::size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0) {
      extent = 0;
      break;
    }
    extent += (sizes[d] - 1) * strides[d];
  }
  tensor::Tensor storage = tensor::Tensor::empty({extent}, dtype);
  return tensor::Tensor::make_view(storage, sizes, strides, 0);
}

} // namespace

tensor::Tensor coerce_runtime_tangent(const tensor::Tensor& tangent,
                                      const tensor::IValue& expected) {
  if (!tangent.defined() || !expected.is_tensor()) return tangent;
  const tensor::Tensor& want = expected.to_tensor();
  if (tangent.sizes() == want.sizes() && tangent.strides() == want.strides()) return tangent;
  // Symbolic sizes have no static example (the example holds 0 there): only the
  // memory format is known, and examples are traced contiguous.
  if (tangent.sizes() != want.sizes())
    return want.is_contiguous() && !tangent.is_contiguous() ? tensor::contiguous_copy(tangent)
                                                            : tangent;
  tensor::Tensor restrided = empty_strided(want.sizes(), want.strides(), tangent.dtype());
  tensor::copy_into(restrided, tangent);
  return restrided;
}

} // namespace bwhop::aot
