#include "core/tensor/shape_utils.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace bwhop::tensor {

IntList infer_size(const IntList& shape, int64_t numel) {
  IntList out = shape;
  int64_t known = 1;
  std::optional<std::size_t> infer;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (infer) throw std::invalid_argument("only one dimension can be inferred");
      infer = i;
    } else if (shape[i] >= 0) {
      known *= shape[i];
    } else {
      throw std::invalid_argument("invalid shape dimension " + std::to_string(shape[i]));
    }
  }
  if (numel == known || (infer && known > 0 && numel % known == 0)) {
    if (infer) {
      if (known == 0) {
        throw std::invalid_argument("cannot reshape tensor of 0 elements into shape " +
                                    sizes_str(shape) +
                                    " because the unspecified dimension size -1 can be any value "
                                    "and is ambiguous");
      }
      out[*infer] = numel / known;
    }
    return out;
  }
  throw std::invalid_argument("shape '" + sizes_str(shape) + "' is invalid for input of size " +
                              std::to_string(numel));
}

std::optional<IntList> compute_view_strides(const IntList& sizes, const IntList& strides,
                                            const IntList& new_shape) {
  IntList new_strides(new_shape.size(), 0);
  if (sizes.empty()) return IntList(new_shape.size(), 1);
  int64_t numel = numel_of(sizes);
  if (numel == 0) {
    if (sizes == new_shape) return strides;
    return contiguous_strides(new_shape);
  }
  auto view_d = static_cast<int64_t>(new_shape.size()) - 1;
  int64_t chunk_base_stride = strides.back();
  int64_t tensor_numel = 1, view_numel = 1;
  for (auto tensor_d = static_cast<int64_t>(sizes.size()) - 1; tensor_d >= 0; --tensor_d) {
    auto td = static_cast<std::size_t>(tensor_d);
    tensor_numel *= sizes[td];
    if (tensor_d == 0 ||
        (sizes[td - 1] != 1 && strides[td - 1] != tensor_numel * chunk_base_stride)) {
      while (view_d >= 0 &&
             (view_numel < tensor_numel || new_shape[static_cast<std::size_t>(view_d)] == 1)) {
        new_strides[static_cast<std::size_t>(view_d)] = view_numel * chunk_base_stride;
        view_numel *= new_shape[static_cast<std::size_t>(view_d)];
        --view_d;
      }
      if (view_numel != tensor_numel) return std::nullopt;
      if (tensor_d > 0) {
        chunk_base_stride = strides[td - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  if (view_d != -1) return std::nullopt;
  return new_strides;
}

bool is_non_overlapping_and_dense(const Tensor& t) {
  std::vector<std::size_t> perm(static_cast<std::size_t>(t.dim()));
  std::iota(perm.begin(), perm.end(), 0);
  const IntList& sz = t.sizes();
  const IntList& st = t.strides();
  std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
    if (sz[a] < 2) return false;
    if (sz[b] < 2) return true;
    return st[a] < st[b];
  });
  int64_t expected = 1;
  for (std::size_t d : perm) {
    if (sz[d] == 1) continue;
    if (st[d] != expected) return false;
    expected *= sz[d];
  }
  return true;
}

} // namespace bwhop::tensor
