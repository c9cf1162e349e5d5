#include "core/tensor/tensor.h"

#include <atomic>
#include <stdexcept>

namespace bwhop::tensor {

namespace {
std::atomic<uint64_t> g_next_impl_id{1};
}

TensorImpl::TensorImpl() : id(g_next_impl_id.fetch_add(1, std::memory_order_relaxed)) {}

int64_t numel_of(std::span<const int64_t> sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

IntList contiguous_strides(std::span<const int64_t> sizes) {
  IntList strides(sizes.size());
  int64_t acc = 1;
  for (std::size_t i = sizes.size(); i-- > 0;) {
    strides[i] = acc;
    acc *= sizes[i] > 1 ? sizes[i] : 1;
  }
  return strides;
}

int64_t wrap_dim(int64_t dim, int64_t rank) {
  int64_t r = rank == 0 ? 1 : rank;
  if (dim < -r || dim >= r) {
    throw std::out_of_range("Dimension out of range (expected to be in range of [" +
                            std::to_string(-r) + ", " + std::to_string(r - 1) + "], but got " +
                            std::to_string(dim) + ")");
  }
  return dim < 0 ? dim + r : dim;
}

std::string sizes_str(std::span<const int64_t> sizes) {
  std::string s = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(sizes[i]);
  }
  return s + "]";
}

Tensor Tensor::empty(IntList sizes, ScalarType dtype, bool with_storage) {
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = dtype;
  impl->strides = contiguous_strides(sizes);
  if (with_storage) {
    impl->storage = std::make_shared<Storage>(static_cast<std::size_t>(numel_of(sizes)) *
                                              scalar_type_itemsize(dtype));
  }
  impl->sizes = std::move(sizes);
  return Tensor(std::move(impl));
}

Tensor Tensor::make_view(const Tensor& base, IntList sizes, IntList strides, int64_t offset) {
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = base.impl_->storage;
  impl->dtype = base.impl_->dtype;
  impl->device = base.impl_->device;
  impl->sizes = std::move(sizes);
  impl->strides = std::move(strides);
  impl->storage_offset = offset;
  if (!base.impl_->version) base.impl_->version = std::make_shared<VersionCounter>();
  impl->version = base.impl_->version;
  return Tensor(std::move(impl));
}

void Tensor::bump_version() const {
  if (!impl_->version) impl_->version = std::make_shared<VersionCounter>();
  ++impl_->version->version;
}

int64_t Tensor::size(int64_t d) const {
  return impl_->sizes[wrap_dim(d, dim())];
}

int64_t Tensor::numel() const {
  return numel_of(impl_->sizes);
}

bool Tensor::is_contiguous() const {
  int64_t expected = 1;
  for (std::size_t i = impl_->sizes.size(); i-- > 0;) {
    if (impl_->sizes[i] == 1) continue;
    if (impl_->strides[i] != expected) return false;
    expected *= impl_->sizes[i];
  }
  return true;
}

std::byte* Tensor::raw_data() const {
  if (!impl_->storage) throw std::runtime_error("Cannot access data of a tensor without storage");
  return impl_->storage->data() +
         impl_->storage_offset * static_cast<int64_t>(scalar_type_itemsize(impl_->dtype));
}

namespace {
// Storage element offset of a flat row-major index under the tensor's strides.
int64_t element_offset(const TensorImpl& t, int64_t flat) {
  int64_t off = 0;
  for (std::size_t i = t.sizes.size(); i-- > 0;) {
    int64_t s = t.sizes[i];
    off += (flat % s) * t.strides[i];
    flat /= s;
  }
  return off;
}
} // namespace

double Tensor::double_at(int64_t flat) const {
  auto item = static_cast<int64_t>(scalar_type_itemsize(dtype()));
  return load_double(raw_data() + element_offset(*impl_, flat) * item, dtype());
}

int64_t Tensor::int_at(int64_t flat) const {
  auto item = static_cast<int64_t>(scalar_type_itemsize(dtype()));
  return load_int(raw_data() + element_offset(*impl_, flat) * item, dtype());
}

double load_double(const std::byte* p, ScalarType t) {
  switch (t) {
  case ScalarType::Float:
    return *reinterpret_cast<const float*>(p);
  case ScalarType::Double:
    return *reinterpret_cast<const double*>(p);
  case ScalarType::Long:
    return static_cast<double>(*reinterpret_cast<const int64_t*>(p));
  case ScalarType::Int:
    return *reinterpret_cast<const int32_t*>(p);
  case ScalarType::Bool:
    return *reinterpret_cast<const bool*>(p) ? 1.0 : 0.0;
  }
  return 0;
}

int64_t load_int(const std::byte* p, ScalarType t) {
  switch (t) {
  case ScalarType::Float:
    return static_cast<int64_t>(*reinterpret_cast<const float*>(p));
  case ScalarType::Double:
    return static_cast<int64_t>(*reinterpret_cast<const double*>(p));
  case ScalarType::Long:
    return *reinterpret_cast<const int64_t*>(p);
  case ScalarType::Int:
    return *reinterpret_cast<const int32_t*>(p);
  case ScalarType::Bool:
    return *reinterpret_cast<const bool*>(p) ? 1 : 0;
  }
  return 0;
}

void store_double(std::byte* p, ScalarType t, double v) {
  switch (t) {
  case ScalarType::Float:
    *reinterpret_cast<float*>(p) = static_cast<float>(v);
    return;
  case ScalarType::Double:
    *reinterpret_cast<double*>(p) = v;
    return;
  case ScalarType::Long:
    *reinterpret_cast<int64_t*>(p) = static_cast<int64_t>(v);
    return;
  case ScalarType::Int:
    *reinterpret_cast<int32_t*>(p) = static_cast<int32_t>(v);
    return;
  case ScalarType::Bool:
    *reinterpret_cast<bool*>(p) = v != 0;
    return;
  }
}

void store_int(std::byte* p, ScalarType t, int64_t v) {
  switch (t) {
  case ScalarType::Float:
    *reinterpret_cast<float*>(p) = static_cast<float>(v);
    return;
  case ScalarType::Double:
    *reinterpret_cast<double*>(p) = static_cast<double>(v);
    return;
  case ScalarType::Long:
    *reinterpret_cast<int64_t*>(p) = v;
    return;
  case ScalarType::Int:
    *reinterpret_cast<int32_t*>(p) = static_cast<int32_t>(v);
    return;
  case ScalarType::Bool:
    *reinterpret_cast<bool*>(p) = v != 0;
    return;
  }
}

} // namespace bwhop::tensor
