// Tensor handle and its shared implementation. Copying a Tensor copies a pointer;
// views share Storage and the version counter with their base.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor/device.h"
#include "core/tensor/scalar_type.h"
#include "core/tensor/storage.h"

namespace bwhop::tensor {

using IntList = std::vector<int64_t>;

// Autograd state attached to a tensor. The tensor layer only knows this interface;
// core/autograd provides the implementation (requires_grad, grad, grad_fn, hooks).
class AutogradMetaInterface {
public:
  virtual ~AutogradMetaInterface() = default;
  virtual bool requires_grad() const = 0;
  // PyTorch's node name of grad_fn (`MulBackward0`), empty when there is none.
  virtual std::string_view grad_fn_name() const = 0;
};

// Counts in-place modifications; shared between a tensor and its views.
struct VersionCounter {
  uint64_t version = 0;
};

struct TensorImpl {
  std::shared_ptr<Storage> storage; // null for fake/meta tensors (metadata only)
  ScalarType dtype = ScalarType::Float;
  Device device;
  IntList sizes;
  IntList strides;
  int64_t storage_offset = 0;
  // Created on first need (a view or an in-place write); absent means version 0.
  std::shared_ptr<VersionCounter> version;
  std::unique_ptr<AutogradMetaInterface> autograd_meta;
  // A Python number turned into a 0-dim tensor for an op (c10's wrapped number):
  // it takes the lowest priority in type promotion.
  bool is_wrapped_number = false;
  // Set by layers whose tensors stand for PyTorch tensor subclasses (proxy/fake):
  // the autograd engine then never accumulates into them in place.
  bool is_subclass_like = false;
  // Stable per-impl identity; tracing layers key side tables on it.
  const uint64_t id;
  // Free slot for a layer above (e.g. a proxy or fake-tensor record).
  std::shared_ptr<void> extra;

  TensorImpl();
};

class Tensor {
public:
  Tensor() = default;
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}

  // Fresh contiguous tensor; `with_storage == false` makes a metadata-only tensor.
  static Tensor empty(IntList sizes, ScalarType dtype, bool with_storage = true);
  // Tensor sharing `base`'s storage and version counter with new geometry.
  static Tensor make_view(const Tensor& base, IntList sizes, IntList strides, int64_t offset);

  bool defined() const { return impl_ != nullptr; }
  TensorImpl* impl() const { return impl_.get(); }
  const std::shared_ptr<TensorImpl>& impl_ptr() const { return impl_; }
  bool is_same(const Tensor& o) const { return impl_ == o.impl_; }
  long use_count() const { return impl_.use_count(); }

  ScalarType dtype() const { return impl_->dtype; }
  Device device() const { return impl_->device; }
  const IntList& sizes() const { return impl_->sizes; }
  const IntList& strides() const { return impl_->strides; }
  int64_t size(int64_t dim) const;
  int64_t dim() const { return static_cast<int64_t>(impl_->sizes.size()); }
  int64_t numel() const;
  int64_t storage_offset() const { return impl_->storage_offset; }
  bool has_storage() const { return impl_->storage != nullptr; }
  bool is_contiguous() const;
  bool is_wrapped_number() const { return impl_->is_wrapped_number; }
  uint64_t id() const { return impl_->id; }

  uint64_t version() const { return impl_->version ? impl_->version->version : 0; }
  void bump_version() const;

  AutogradMetaInterface* autograd_meta() const { return impl_->autograd_meta.get(); }
  bool requires_grad() const {
    return impl_->autograd_meta && impl_->autograd_meta->requires_grad();
  }

  // Pointer to the first element (storage + offset).
  std::byte* raw_data() const;
  template <class T> T* data() const { return reinterpret_cast<T*>(raw_data()); }

  // Element at a flat row-major index, converted (any strides).
  double double_at(int64_t flat_index) const;
  int64_t int_at(int64_t flat_index) const;
  // Value of a one-element tensor.
  double item_double() const { return double_at(0); }
  int64_t item_int() const { return int_at(0); }

private:
  std::shared_ptr<TensorImpl> impl_;
};

// Helpers on shapes.
int64_t numel_of(std::span<const int64_t> sizes);
IntList contiguous_strides(std::span<const int64_t> sizes);
// Wraps a possibly negative dim into [0, rank); throws PyTorch's IndexError text.
int64_t wrap_dim(int64_t dim, int64_t rank);
// `[2, 3]` — the list form used by torch.Size and error messages.
std::string sizes_str(std::span<const int64_t> sizes);

// Reads/writes one element of a dtype at an address.
double load_double(const std::byte* p, ScalarType t);
int64_t load_int(const std::byte* p, ScalarType t);
void store_double(std::byte* p, ScalarType t, double v);
void store_int(std::byte* p, ScalarType t, int64_t v);

} // namespace bwhop::tensor
