#include "core/tracing/fake_mode.h"

#include <stdexcept>
#include <string>

#include "core/autograd/variable.h"
#include "core/tensor/op_def.h"

namespace bwhop::tracing {

using tensor::IValue;

Tensor FakeMode::from_tensor(const Tensor& real) {
  if (!real.defined() || is_fake(real)) return real;
  auto [it, fresh] = memo_.try_emplace(real.id());
  if (fresh) {
    Tensor fake = Tensor::empty(real.sizes(), real.dtype(), /*with_storage=*/false);
    fake.impl()->strides = real.strides();
    fake.impl()->storage_offset = real.storage_offset();
    fake.impl()->is_wrapped_number = real.is_wrapped_number();
    if (real.requires_grad()) autograd::set_requires_grad(fake, true);
    it->second = fake;
  }
  return it->second;
}

IValue FakeMode::fakeify(const IValue& v) {
  if (v.is_tensor()) {
    const Tensor& t = v.to_tensor();
    // Wrapped numbers stay real: they are Python scalars, not tensors, to PyTorch.
    if (!t.defined() || t.is_wrapped_number()) return v;
    return IValue(from_tensor(t));
  }
  if (v.is_tensor_list()) {
    std::vector<Tensor> out;
    out.reserve(v.to_tensor_list().size());
    for (const Tensor& t : v.to_tensor_list()) out.push_back(from_tensor(t));
    return IValue(std::move(out));
  }
  return v;
}

IValue FakeMode::dispatch(const tensor::OpDef& op, const tensor::Args& args) {
  if (op.meta == nullptr)
    throw std::runtime_error("aten::" + op.qualified + " has no meta function for fake tensors");
  tensor::Args fake_args;
  fake_args.reserve(args.size());
  for (const IValue& a : args) fake_args.push_back(fakeify(a));
  return op.meta(fake_args);
}

} // namespace bwhop::tracing
